process ZINFER_TRAIN {
    tag "$meta.id"
    label 'process_high'

    input:
    tuple val(meta), path(train_h5)   // windows and labels (zinfer simulate / zinfer dataset); meta.id names the model
    path validation_h5                // optional: [] to hold out the last --validation-fraction of train_h5
    path transfer_from                // optional: [] to train from scratch, else a model whose trunk gets a new head

    output:
    tuple val(meta), path("${prefix}.zinfer"), emit: model
    path "versions.yml",                       emit: versions

    when:
    task.ext.when == null || task.ext.when

    script:
    def args       = task.ext.args ?: ''
    prefix         = task.ext.prefix ?: "${meta.id}"
    def validation = validation_h5 ? "--validation ${validation_h5}" : ''
    def transfer   = transfer_from ? "--transfer-from ${transfer_from}" : ''
    """
    zinfer train --train ${train_h5} ${validation} ${transfer} --name ${meta.id} -o ${prefix}.zinfer ${args}

    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: \$(zinfer --version | sed 's/^zinfer //')
    END_VERSIONS
    """

    stub:
    prefix = task.ext.prefix ?: "${meta.id}"
    """
    touch ${prefix}.zinfer
    cat <<-END_VERSIONS > versions.yml
    "${task.process}":
        zinfer: stub
    END_VERSIONS
    """
}
