process ZINFER_SCAN {
    tag "$meta.id"
    label 'process_medium'

    input:
    tuple val(meta), val(region)
    path genome      // FASTA with its .fai (and .gzi when bgzip)
    path model       // zinfer bundle or Keras .h5; [] for the built-in model

    output:
    tuple val(meta), path("${prefix}"), emit: tracks
    path "versions.yml",                emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args  = task.ext.args ?: ''
    prefix    = task.ext.prefix ?: "${meta.id}"
    def fasta = genome.find { !(it.name.endsWith('.fai') || it.name.endsWith('.gzi')) }
    def model_arg = model ? "--model ${model}" : ''
    """
    zinfer scan ${model_arg} --fasta ${fasta} --region ${region} \\
        --threads ${task.cpus} ${args} --out ${prefix}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(zinfer --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    mkdir ${prefix}
    touch ${prefix}/zinfer-scan.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
