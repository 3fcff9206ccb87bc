#!/usr/bin/env bash
# Shift stability and demo-site ROC AUC of the built-in model's scans of the demo genome (step 50), read plainly,
# on both strands, and as the mean of shifted copies (scan --shifts), with the time each scan took.
# usage: [MODEL=model.zinfer] benchmarks/shift_stability.sh [JAR]   (after mvn -DskipTests package; needs numpy and
#        pyBigWig; MODEL: another model than the built-in one)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${1:-plugin/target/zinfer.jar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'flags\tp90\tmedian\tsites_scoring_0.5\tdemo_site_roc_auc\tgc_roc_auc\tseconds\n'
for flags in "" "--reverse-complement" "--shifts 4" "--shifts 4 --reverse-complement" "--shifts 8"; do
    out="$work/scan"
    rm -rf "$out"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the flags are words
    java -jar "$jar" scan ${MODEL:+-m "$MODEL"} -f test-data/demo-genome.fa $flags -o "$out" 2>/dev/null
    seconds=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $start }")
    /usr/bin/python3 benchmarks/shift_stability.py "$out" test-data/demo-genome.sites.bed test-data/demo-genome.fa | /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
print("%s\t%.3f\t%.3f\t%d of %d\t%.4f\t%.4f\t%s" % (sys.argv[1] or "(none)", r["p90"], r["median"], r["sites_scoring_0.5"], r["sites"],
      r["demo_site_roc_auc"], r["demo_site_gc_roc_auc"], sys.argv[2]))' "$flags" "$seconds"
done
