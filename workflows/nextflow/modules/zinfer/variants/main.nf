process ZINFER_VARIANTS {
    tag "$meta.id"
    label 'process_medium'

    input:
    tuple val(meta), path(vcf)
    path genome
    path model
    path zinfer_jar

    output:
    tuple val(meta), path("${meta.id}.zinfer.vcf.gz"), path("${meta.id}.zinfer.vcf.gz.tbi"), emit: vcf
    path "versions.yml", emit: versions

    script:
    def args = task.ext.args ?: ''
    def fasta = genome.find { !(it.name.endsWith('.fai') || it.name.endsWith('.gzi')) }
    """
    java -jar ${zinfer_jar} variants --model ${model} --fasta ${fasta} --vcf ${vcf} \\
        --threads ${task.cpus} ${args} --out ${meta.id}.zinfer.vcf.gz

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(java -jar ${zinfer_jar} --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    """
    touch ${meta.id}.zinfer.vcf.gz ${meta.id}.zinfer.vcf.gz.tbi
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
