#!/usr/bin/env bash
# Do called sites keep their false discovery rate? On simulated genomes whose sites are known: the built-in model
# calibrated on null windows of each genome, the genome scanned, sites called at FDR 0.05; a call is false when its
# summit lies farther than 500 nt from every implanted site of its factor. Then the same on a genome of the same
# background with no sites at all (every call false). Then the baseline: the same calling on a scan with each
# factor's true matrix (benchmarks/calling_baseline.py). ~7 minutes on 2 cores.
#
# usage: benchmarks/calling_fdr.sh OUTDIR [SCORING FLAGS, e.g. --shifts 4]
#        (from the project root, after mvn package; needs ../shared/motifs; the flags go to calibrate and scan)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "$1")
mkdir -p "$out"
cp plugin/target/zinfer.jar "$out/zinfer.jar"
zinfer=(java -jar "$out/zinfer.jar")
motifs=../shared/motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac
# with sites: one implanted every 2,000 nt (a random factor of the 29 each time), 3 Mb; without: 3 Mb, none
"${zinfer[@]}" simulate --motifs "$motifs" @test-data/znf29.args --genome-contigs chrS1:2000000,chrS2:1000000 --site-spacing 2000 \
  --seed 21 -o "$out/sites.fa" 2> "$out/simulate-sites.log"
"${zinfer[@]}" simulate --motifs "$motifs" @test-data/znf29.args --genome-contigs chrN1:2000000,chrN2:1000000 --site-spacing 4000000 \
  --seed 22 -o "$out/none.fa" 2> "$out/simulate-none.log"
for genome in sites none; do
  "${zinfer[@]}" calibrate -f "$out/$genome.fa" --windows 20000 --seed 3 "${@:2}" -o "$out/$genome.zinfer" 2> "$out/calibrate-$genome.log"
  "${zinfer[@]}" scan -f "$out/$genome.fa" "${@:2}" -o "$out/scan-$genome" 2> "$out/scan-$genome.log"
  "${zinfer[@]}" call --scan "$out/scan-$genome" -m "$out/$genome.zinfer" --fdr 0.05 -o "$out/calls-$genome" 2> "$out/call-$genome.log"
done
/usr/bin/python3 - "$out" <<'PY'
import glob, gzip, os, sys
out = sys.argv[1]
sites = {}
for line in open(f"{out}/sites.sites.bed"):
    contig, start, end, factor = line.split("\t")[:4]
    sites.setdefault(factor, []).append((contig, (int(start) + int(end)) // 2))
rates, recalls = [], []
print("factor\tcalls\tfalse\tobserved_fdr\tsites\tfound\trecall")
for path in sorted(glob.glob(f"{out}/calls-sites/*.narrowPeak.gz")):
    factor = os.path.basename(path)[:-len(".narrowPeak.gz")]
    summits = [(x[0], int(x[1]) + int(x[9])) for x in (l.split("\t") for l in gzip.open(path, "rt"))]
    near = lambda c, m: any(c == sc and abs(m - sm) <= 500 for sc, sm in sites.get(factor, []))
    false = sum(1 for c, m in summits if not near(c, m))
    found = sum(1 for sc, sm in sites.get(factor, []) if any(c == sc and abs(m - sm) <= 500 for c, m in summits))
    fdr = false / len(summits) if summits else 0.0
    recall = found / len(sites.get(factor, [1]))
    rates.append(fdr); recalls.append(recall)
    print(f"{factor}\t{len(summits)}\t{false}\t{fdr:.3f}\t{len(sites.get(factor, []))}\t{found}\t{recall:.3f}")
print(f"mean observed FDR {sum(rates) / len(rates):.3f}, mean recall {sum(recalls) / len(recalls):.3f} (29 factors)")
none = [sum(1 for _ in gzip.open(p, "rt")) for p in glob.glob(f"{out}/calls-none/*.narrowPeak.gz")]
print(f"genome without sites (3 Mb): {sum(none)} calls in all, at most {max(none)} for one factor "
      f"({max(none) / 3:.2f} per Mb)")
PY
echo "baseline: the same calling on a PWM scan with each factor's true matrix"
/usr/bin/python3 benchmarks/calling_baseline.py "$out/sites.fa" "$out/sites.sites.bed" "$motifs" test-data/znf29.args 3
