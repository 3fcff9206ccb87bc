process ZINFER_MERGE {
    tag "$prefix"
    label 'process_low'

    input:
    path scans, stageAs: 'scans/*'   // zinfer scan output directories, any order
    path zinfer_jar
    val prefix

    output:
    path "${prefix}",    emit: tracks
    path "versions.yml", emit: versions

    script:
    """
    java -jar ${zinfer_jar} merge --out ${prefix} ${scans}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(java -jar ${zinfer_jar} --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    """
    mkdir ${prefix}
    touch ${prefix}/zinfer-scan.json
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
