process ZINFER_SCAN {
    tag "$meta.id"
    label 'process_medium'

    input:
    tuple val(meta), val(region)
    path genome      // FASTA with its .fai (and .gzi when bgzip)
    path model       // zinfer bundle or Keras .h5
    path zinfer_jar

    output:
    tuple val(meta), path("${meta.id}"), emit: tracks
    path "versions.yml",                 emit: versions

    script:
    def args = task.ext.args ?: ''
    def fasta = genome.find { !(it.name.endsWith('.fai') || it.name.endsWith('.gzi')) }
    """
    java -jar ${zinfer_jar} scan --model ${model} --fasta ${fasta} --region ${region} \\
        --threads ${task.cpus} ${args} --out ${meta.id}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(java -jar ${zinfer_jar} --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    """
    mkdir ${meta.id}
    touch ${meta.id}/zinfer-scan.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
