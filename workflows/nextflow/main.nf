#!/usr/bin/env nextflow
/*
 * zinfer genome scan, scattered: split a genome (from its .fai) into chunks, scan the chunks in parallel,
 * merge the tracks into one bigWig and one bedGraph.gz per factor (identical to a single scan); optionally
 * annotate a VCF.
 *
 *   workflows/nextflow/nextflow run workflows/nextflow/main.nf --fasta genome.fa.gz [--model model.zinfer] \
 *       --outdir results [--chunk_size 5120000] [--step 50] [--engine fast] [--batch 256] [--vcf in.vcf.gz]
 *
 * Tasks run bin/zinfer (the build's launcher, plugin/bin/zinfer), which runs plugin/target/zinfer.jar or
 * $ZINFER_JAR. Without --model, the built-in model scores.
 */
nextflow.enable.dsl = 2

include { ZINFER_SCAN     } from './modules/zinfer/scan/main'
include { ZINFER_MERGE    } from './modules/zinfer/merge/main'
include { ZINFER_VARIANTS } from './modules/zinfer/variants/main'

/** Chunks of chunkSize bases per contig of a .fai, as samtools-style regions. */
def chunks(fai, long chunkSize) {
    fai.readLines().collectMany { line ->
        def fields = line.split('\t')
        long length = fields[1] as long
        def regions = []
        for (long start = 0; start < length; start += chunkSize) {
            regions << "${fields[0]}:${start + 1}-${Math.min(start + chunkSize, length)}".toString()
        }
        regions
    }
}

workflow {
    if (!params.fasta) {
        error "zinfer: --fasta is required"
    }
    if ((params.chunk_size as long) % (params.step as long) != 0) {
        error "zinfer: --chunk_size (${params.chunk_size}) must be a multiple of --step (${params.step}) for the merge to equal one scan"
    }
    if (params.engine == 'reference' && (params.chunk_size as long) % ((params.batch as long) * (params.step as long)) != 0) {
        error "zinfer: with --engine reference, --chunk_size (${params.chunk_size}) must be a multiple of --batch x --step: DL4J's scores depend on their batch, and a scan batches the windows of genome tiles that long"
    }
    fasta  = file(params.fasta, checkIfExists: true)
    genome = [fasta, file("${params.fasta}.fai", checkIfExists: true)]
    gzi    = file("${params.fasta}.gzi")
    if (gzi.exists()) {
        genome << gzi
    }
    model = params.model ? file(params.model, checkIfExists: true) : []

    regions = Channel.fromList(chunks(genome[1], params.chunk_size as long) + (params.extra_regions ? params.extra_regions.tokenize(',') : []))
    ZINFER_SCAN(regions.map { region -> [[id: region.replaceAll(/[^A-Za-z0-9_.-]/, '_')], region] }, genome, model)
    ZINFER_MERGE(ZINFER_SCAN.out.tracks.map { meta, dir -> dir }.collect().map { dirs -> [[id: 'tracks'], dirs] })

    if (params.vcf) {
        vcf = file(params.vcf, checkIfExists: true)
        ZINFER_VARIANTS(Channel.of([[id: vcf.simpleName], vcf]), genome, model)
    }
}
