#!/usr/bin/env bash
# Datasets at genome scale: time and peak RSS of zinfer simulate, dataset and train as N grows, with the
# JVM's default heap, and h5py's check of the largest file. Takes about 40 minutes on 2 cores.
#
# usage: benchmarks/datasets/scale.sh OUTDIR      (from the project root, after mvn package; needs
#        ../shared/motifs and /usr/bin/python3 with h5py; OUTDIR wants ~2 GB)
# writes OUTDIR/rss.tsv (step, seconds, peak RSS in KB), the logs, and OUTDIR/check.json
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "$1")
mkdir -p "$out"
cp plugin/target/zinfer.jar "$out/zinfer.jar" # a rebuild meanwhile must not change what runs
zinfer=(java -jar "$out/zinfer.jar")
motifs=../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac
printf 'step\tseconds\tpeak_rss_kb\n' > "$out/rss.tsv"
measure() { # NAME COMMAND...: runs it, stderr to NAME.log, appends its time and peak RSS
  local name=$1; shift
  /usr/bin/time -f "$name\t%e\t%M" -a -o "$out/rss.tsv" "$@" 2> "$out/$name.log"
}

# simulate: three sizes with the 29 ZNF motifs, and a small file with the same seed to check the big one against
for n in 100000 300000 1000000; do
  measure "simulate-$n" "${zinfer[@]}" simulate -o "$out/sim-$n.h5" -n "$n" --length 1000 --seed 5 --motifs "$motifs" @test-data/znf29.args
done
"${zinfer[@]}" simulate -o "$out/sim-1000.h5" -n 1000 --length 1000 --seed 5 --motifs "$motifs" @test-data/znf29.args 2>/dev/null
/usr/bin/python3 benchmarks/datasets/check_h5.py "$out/sim-1000000.h5" "$out/sim-1000.h5" "$out/simulate-1000000.log" > "$out/check.json"

# dataset: a simulated 200 Mb genome, 5 factors, its implanted sites as peaks, step 50 (4 M windows tiled)
factors=MA0088.2,MA0139.2,MA0095.4,MA0138.3,MA0162.5
measure genome-200Mb "${zinfer[@]}" simulate -o "$out/genome.fa" --genome-contigs chrS1:100000000,chrS2:60000000,chrS3:40000000 \
  --seed 9 --motifs "$motifs" --factor "$factors"
peaks=()
for name in $(cut -f4 "$out/genome.sites.bed" | sort -u); do
  awk -v f="$name" '$4 == f' "$out/genome.sites.bed" > "$out/peaks-$name.bed"
  peaks+=("$name=$out/peaks-$name.bed")
done
measure dataset-200Mb "${zinfer[@]}" dataset -g "$out/genome.fa" --peaks "$(IFS=,; echo "${peaks[*]}")" --step 50 --bin 200 \
  --negatives 0.1 --test-contigs chrS3 --validation-contigs chrS2 -o "$out/sites"

# train: one epoch over the 1 M-window file and over the 100 k one (a small convrnn, so that reading shows)
for n in 100000 1000000; do
  measure "train-epoch-$n" "${zinfer[@]}" train --train "$out/sim-$n.h5" -o "$out/model-$n.zinfer" --epochs 1 --batch 256 \
    --filters 16,16 --lstm 16 --dense 16 --seed 3
done
column -t "$out/rss.tsv"
for log in "$out"/train-epoch-*.log; do echo "$(basename "$log" .log): $(grep "windows/s" "$log" | tail -n 1)"; done
cat "$out/check.json"
