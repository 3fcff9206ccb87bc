process ZINFER_VARIANTS {
    tag "$meta.id"
    label 'process_medium'

    input:
    tuple val(meta), path(vcf)
    path genome      // FASTA with its .fai (and .gzi when bgzip)
    path model       // zinfer bundle or Keras .h5; [] for the built-in model

    output:
    tuple val(meta), path("${prefix}.zinfer.vcf.gz"), path("${prefix}.zinfer.vcf.gz.tbi"), emit: vcf
    path "versions.yml",                                                            emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args  = task.ext.args ?: ''
    prefix    = task.ext.prefix ?: "${meta.id}"
    def fasta = genome.find { !(it.name.endsWith('.fai') || it.name.endsWith('.gzi')) }
    def model_arg = model ? "--model ${model}" : ''
    """
    zinfer variants ${model_arg} --fasta ${fasta} --vcf ${vcf} \\
        --threads ${task.cpus} ${args} --out ${prefix}.zinfer.vcf.gz

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(zinfer --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    touch ${prefix}.zinfer.vcf.gz ${prefix}.zinfer.vcf.gz.tbi
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
