process ZINFER_MERGE {
    tag "$meta.id"
    label 'process_low'

    input:
    tuple val(meta), path(scans, stageAs: 'scans/*')   // zinfer scan output directories, any order

    output:
    tuple val(meta), path("${prefix}"), emit: tracks
    path "versions.yml",                emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args = task.ext.args ?: ''
    prefix   = task.ext.prefix ?: "${meta.id}"
    """
    zinfer merge ${args} --out ${prefix} ${scans}

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
