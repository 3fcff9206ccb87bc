process ZINFER_TRAIN {
    tag "$name"
    label 'process_high'

    input:
    path train_h5                 // windows and labels (zinfer simulate / zinfer dataset)
    path validation_h5            // optional: [] to hold out the last --validation-fraction of train_h5
    path transfer_from            // optional: [] to train from scratch, else a model whose trunk gets a new head
    path zinfer_jar
    val name

    output:
    path "${name}.zinfer", emit: model
    path "versions.yml",   emit: versions

    script:
    def args       = task.ext.args ?: ''
    def validation = validation_h5 ? "--validation ${validation_h5}" : ''
    def transfer   = transfer_from ? "--transfer-from ${transfer_from}" : ''
    """
    java -jar ${zinfer_jar} train --train ${train_h5} ${validation} ${transfer} --name ${name} -o ${name}.zinfer ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(java -jar ${zinfer_jar} --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    """
    touch ${name}.zinfer
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
