#!/usr/bin/env python3
"""Reads a bigWig with pyBigWig (libBigWig, as deepTools uses) and prints what it sees as JSON: the header,
every interval of every contig, and per contig the zoom-level mean over the whole contig next to the exact
one. usage: read_bigwig.py FILE.bw"""
import json
import sys

import pyBigWig

bw = pyBigWig.open(sys.argv[1])
if bw is None:
    sys.exit("pyBigWig cannot open " + sys.argv[1])
chroms = bw.chroms()
out = {"header": bw.header(), "chroms": chroms, "intervals": [], "means": {}}
for name, length in chroms.items():
    for start, end, value in bw.intervals(name) or []:
        out["intervals"].append([name, start, end, value])
    if bw.intervals(name):
        out["means"][name] = [bw.stats(name, 0, length, type="mean", exact=False)[0],
                              bw.stats(name, 0, length, type="mean", exact=True)[0],
                              bw.stats(name, 0, length, type="max", exact=False)[0],
                              bw.stats(name, 0, length, type="min", exact=False)[0]]
print(json.dumps(out))
