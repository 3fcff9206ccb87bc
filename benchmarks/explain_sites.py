#!/usr/bin/python3
"""Do contributions point at the sites? For each implanted site of the demo genome, the window centred on it is
explained (zinfer explain --step 1000 over the window itself) by integrated gradients (the default, one point),
gradient x input and in-silico mutagenesis. For sites whose factor scores >= 0.5 in that window: the share of the
factor's positive contribution in the window that lies within +-15 nt of the site, and the Pearson correlation of
each gradient method with ISM over the window.

usage: [INTEGRATION_STEPS=N] explain_sites.py ZINFER_JAR WORK_DIR [MODEL]   (run from the repository root; MODEL: default
       the built-in one; INTEGRATION_STEPS: explain's --integration-steps for integrated gradients, default 1)
prints JSON: per method the share of sites with >= 50% of the contribution near the site, the correlations'
medians, mutants/s and windows/s
"""
import gzip
import json
import os
import subprocess
import sys

import numpy as np

jar, work = sys.argv[1:3]
model = ["--model", sys.argv[3]] if len(sys.argv) > 3 else []
os.makedirs(work, exist_ok=True)
steps = ["--integration-steps", os.environ["INTEGRATION_STEPS"]] if "INTEGRATION_STEPS" in os.environ else []
fasta = "test-data/demo-genome.fa"
lengths = dict(line.split("\t")[:2] for line in open(fasta + ".fai"))
sites = []
for line in open("test-data/demo-genome.sites.bed"):
    contig, start, end, factor = line.split("\t")[:4]
    centre = (int(start) + int(end)) // 2
    if centre - 500 >= 0 and centre + 500 <= int(lengths[contig]):
        sites.append((contig, int(start), int(end), factor, centre - 500))


def zinfer(*args):
    subprocess.run(["java", "-jar", jar, *args], check=True, stderr=subprocess.PIPE, text=True)


def table(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path)]
    factors = rows[0][3:]
    return factors, {(r[0], int(r[1]) - 1): np.array(r[3:], dtype=float) for r in rows[1:]}


# neighbouring windows overlap, and explain refuses overlapping regions: every other site per run
values = {"integrated-gradients": {}, "gradient": {}, "ism": {}}
rates = {}
for part in (0, 1):
    bed = f"{work}/sites{part}.bed"
    with open(bed, "w") as out:
        for contig, _, _, _, start in sites[part::2]:
            out.write(f"{contig}\t{start}\t{start + 1000}\n")
    for method in values:
        out_dir = f"{work}/{method}{part}"
        flags = steps if method == "integrated-gradients" else []
        result = subprocess.run(["java", "-jar", jar, "explain", *model, "--method", method, *flags, "-f", fasta, "--regions", bed,
                                 "--step", "1000", "-o", out_dir], check=True, stderr=subprocess.PIPE, text=True)
        rates.setdefault(method, []).append(result.stderr.strip().splitlines()[-1])
        factors, rows = table(f"{out_dir}/contributions.tsv")
        values[method].update(rows)
    scan_dir = f"{work}/scan{part}"
    zinfer("scan", *model, "-f", fasta, "--regions", bed, "--step", "1000", "-o", scan_dir, "--restart")

scores = {}
for part in (0, 1):
    for factor in factors:
        for line in gzip.open(f"{work}/scan{part}/{factor}.bedGraph.gz", "rt"):
            if line.startswith("track"):
                continue
            contig, start, end, score = line.split("\t")
            scores[(contig, (int(start) + int(end)) // 2, factor)] = float(score)

near = {m: [] for m in values}
correlations = {m: [] for m in values if m != "ism"}
for contig, start, end, factor, window in sites:
    if scores.get((contig, window + 500, factor), 0) < 0.5:
        continue
    f = factors.index(factor)
    per_method = {}
    for method in values:
        x = np.array([values[method][(contig, p)][f] for p in range(window, window + 1000)])
        per_method[method] = x
        positive = np.clip(x, 0, None)
        close = positive[max(0, start - 15 - window):end + 15 - window].sum()
        near[method].append(close / positive.sum() if positive.sum() > 0 else 0)
    for method in correlations:
        correlations[method].append(np.corrcoef(per_method[method], per_method["ism"])[0, 1])
print(json.dumps({
    "sites": len(sites), "sites_scoring_0.5": len(near["ism"]),
    "share_of_sites_with_half_the_contribution_near": {m: float(np.mean(np.array(v) >= 0.5)) for m, v in near.items()},
    "median_share_near": {m: float(np.median(v)) for m, v in near.items()},
    "median_pearson_with_ism": {m: float(np.median(v)) for m, v in correlations.items()},
    "runs": rates}, indent=1))
