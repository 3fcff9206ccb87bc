#!/usr/bin/env nextflow
/*
 * Train a zinfer model on an HDF5 dataset with the ZINFER_TRAIN module.
 *
 *   workflows/nextflow/nextflow run workflows/nextflow/train.nf --train_h5 train.h5 --name mymodel \
 *       --outdir results [--validation_h5 v.h5] [--transfer_from m.zinfer] \
 *       [--train_args '--epochs 20 --patience 3']
 */
nextflow.enable.dsl = 2

include { ZINFER_TRAIN } from './modules/zinfer/train/main'

workflow {
    if (!params.train_h5) {
        error "give --train_h5 (an HDF5 dataset from zinfer simulate or zinfer dataset)"
    }
    ZINFER_TRAIN(
        [[id: params.name], file(params.train_h5, checkIfExists: true)],
        params.validation_h5 ? file(params.validation_h5, checkIfExists: true) : [],
        params.transfer_from ? file(params.transfer_from, checkIfExists: true) : [])
}
