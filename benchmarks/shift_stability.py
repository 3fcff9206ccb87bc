#!/usr/bin/python3
"""How much a factor's score swings as the window slides over one of its sites: for each implanted site of
the demo genome whose factor scores >= 0.5 near it, (max - min) / max of that factor's track over the windows
centred within +-100 nt of the site's centre. A shift-stable model gives small values. Beside it, how well the
same track finds the sites (DemoScanTest's measure): per factor, the ROC AUC of windows over one of its sites
against windows farther than 500 nt from any site, averaged over factors; with the genome, the same for each
window's G+C fraction (the baseline).

usage: shift_stability.py SCAN_DIR SITES.bed [GENOME.fa]   (SCAN_DIR: zinfer scan --out, e.g. of test-data/demo-genome.fa)
prints the 90th percentile, the median, how many sites passed, how many there were and the mean ROC AUC (and the
G+C fraction's), as JSON
"""
import json
import sys

import numpy as np
import pyBigWig


def roc_auc(scores, positive):
    """The Mann-Whitney statistic, ties counted half."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_pos = positive.sum()
    n_neg = len(scores) - n_pos
    return (ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


scan, sites_file = sys.argv[1:3]
genome = {}
if len(sys.argv) > 3:
    for record in open(sys.argv[3]).read().split(">")[1:]:
        name, _, bases = record.partition("\n")
        gc = np.array([b in "GCgc" for b in bases.replace("\n", "")], dtype=float)
        genome[name.split()[0]] = np.concatenate([[0], np.cumsum(gc)])
sites = [line.split("\t")[:4] for line in open(sites_file)]
tracks = {}
swings = []
for contig, start, end, factor in sites:
    if factor not in tracks:
        tracks[factor] = pyBigWig.open(f"{scan}/{factor}.bw")
    centre = (int(start) + int(end)) // 2
    # the track holds each window's score over the step-wide stretch around the window's centre
    intervals = tracks[factor].intervals(contig, max(0, centre - 100), centre + 101) or []
    values = [v for s, e, v in intervals if centre - 100 <= (s + e) // 2 <= centre + 100]
    if values and max(values) >= 0.5:
        swings.append((max(values) - min(values)) / max(values))


def near(contig, s, e, margin, factor):
    return any(c == contig and (factor is None or f == factor) and s < int(b) + margin and e > int(a) - margin
               for c, a, b, f in sites)


def gc_fraction(contig, s, e):
    """G+C of the 1000-nt window centred on the track's stretch (moved inside the contig at its ends)."""
    counts = genome[contig]
    start = min(max(0, (s + e) // 2 - 500), len(counts) - 1001)
    return (counts[start + 1000] - counts[start]) / 1000


aucs, gc_aucs = [], []
for factor, track in tracks.items():
    scores, gcs, positive = [], [], []
    for contig in track.chroms():
        for s, e, v in track.intervals(contig) or []:
            own = near(contig, s, e, 0, factor)
            if own or not near(contig, s, e, 500, None):
                scores.append(v)
                gcs.append(gc_fraction(contig, s, e) if genome else 0)
                positive.append(own)
    aucs.append(roc_auc(np.array(scores), np.array(positive)))
    gc_aucs.append(roc_auc(np.array(gcs), np.array(positive)))
print(json.dumps({"p90": float(np.percentile(swings, 90)) if swings else None,
                  "median": float(np.median(swings)) if swings else None,
                  "sites_scoring_0.5": len(swings), "sites": len(sites),
                  "demo_site_roc_auc": float(np.mean(aucs)),
                  "demo_site_gc_roc_auc": float(np.mean(gc_aucs)) if genome else None}))
