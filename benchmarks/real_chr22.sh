#!/usr/bin/env bash
# The README's real-data task with its baselines, from the files in ../shared: 8 ENCODE ZNF ChIP-seq peak sets
# on hg19 chr22, windows of 1000 nt at step 50 labelled by their central 200 nt, blacklist dropped; train on
# chr22:16,050,001-19,500,000 (15% of negative windows kept), test on chr22:19,500,001-22,000,000 (all kept).
# The model: a new head on the built-in model's frozen trunk, with zinfer train's default flags. zinfer
# evaluate puts it beside each window's G+C fraction and a JASPAR 2024 PWM scan of each factor's matrix.
#
# usage: benchmarks/real_chr22.sh OUTDIR [MORE DATASET FLAGS, e.g. --gc-matched-negatives]
#        (from the project root, after mvn package; ~5 minutes on 2 cores)
# writes OUTDIR/report/metrics.tsv (model, gc_*, pwm_* columns) and the logs
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "$1")
mkdir -p "$out"
cp plugin/target/zinfer.jar "$out/zinfer.jar"
zinfer=(java -jar "$out/zinfer.jar")
shared=../shared
peaks=""
for file in "$shared"/peaks/ChIPseq.*.conservative.train.narrowPeak.gz; do
  name=$(basename "$file" | cut -d. -f2,3)          # CELL.FACTOR, e.g. K562.CTCF
  peaks="$peaks${peaks:+,}$name=$file"
done
printf 'chr22\t16050000\t22000000\n' > "$out/regions.bed"
printf 'chr22\t19500000\t22000000\n' > "$out/test.bed"
"${zinfer[@]}" dataset -g "$shared/genome/hg19.chr22_1-22000000.fa.gz" --peaks "$peaks" --regions "$out/regions.bed" \
  --test-regions "$out/test.bed" --blacklist "$shared/annotation/hg19.blacklist.bed.gz" --length 1000 --step 50 --bin 200 \
  --negatives 0.15 --seed 1 "${@:2}" -o "$out/chr22" 2> "$out/dataset.log"
"${zinfer[@]}" train --train "$out/chr22.train.h5" --transfer-from builtin -o "$out/transfer.zinfer" 2> "$out/train.log"
motifs=""
for name in $(echo "$peaks" | tr ',' '\n' | cut -d= -f1); do
  case ${name#*.} in
    CTCF) id=MA0139.2 ;; YY1) id=MA0095.4 ;; REST) id=MA0138.3 ;; EGR1) id=MA0162.5 ;; ZNF143) id=MA0088.2 ;;
  esac
  motifs="$motifs${motifs:+,}$name=$id"
done
"${zinfer[@]}" evaluate -m "$out/transfer.zinfer" --data "$out/chr22.test.h5" -o "$out/report" \
  --baseline-motifs "$motifs" --baseline-motif-file "$shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac" \
  2> "$out/evaluate.log" | column -t
tail -n 1 "$out/evaluate.log"
