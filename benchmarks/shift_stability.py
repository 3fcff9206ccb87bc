#!/usr/bin/python3
"""How much a factor's score swings as the window slides over one of its sites: for each implanted site of
the demo genome whose factor scores >= 0.5 near it, (max - min) / max of that factor's track over the windows
centred within +-100 nt of the site's centre. A shift-stable model gives small values.

usage: shift_stability.py SCAN_DIR SITES.bed       (SCAN_DIR: zinfer scan --out, e.g. of test-data/demo-genome.fa)
prints the 90th percentile, the median, how many sites passed and how many there were, as JSON
"""
import json
import sys

import numpy as np
import pyBigWig

scan, sites_file = sys.argv[1:3]
tracks = {}
swings = []
sites = 0
for line in open(sites_file):
    contig, start, end, factor = line.split("\t")[:4]
    sites += 1
    if factor not in tracks:
        tracks[factor] = pyBigWig.open(f"{scan}/{factor}.bw")
    centre = (int(start) + int(end)) // 2
    # the track holds each window's score over the step-wide stretch around the window's centre
    intervals = tracks[factor].intervals(contig, max(0, centre - 100), centre + 101) or []
    values = [v for s, e, v in intervals if centre - 100 <= (s + e) // 2 <= centre + 100]
    if values and max(values) >= 0.5:
        swings.append((max(values) - min(values)) / max(values))
print(json.dumps({"p90": float(np.percentile(swings, 90)) if swings else None,
                  "median": float(np.median(swings)) if swings else None,
                  "sites_scoring_0.5": len(swings), "sites": sites}))
