#!/usr/bin/env python3
"""Checks a dataset zinfer wrote, with h5py (an independent reader of the HDF Group's format).

usage: check_h5.py BIG.h5 SMALL.h5 LOG
  BIG.h5    the large file (zinfer simulate -n N)
  SMALL.h5  the same flags with a smaller -n: window i depends only on the seed and i, so its windows and
            labels must equal BIG's first ones
  LOG       zinfer simulate's stderr for BIG: its last line gives the fewest and most positives per factor
Prints one JSON line; exits 1 when a check fails.
"""
import json
import re
import sys

import h5py
import numpy as np

big_path, small_path, log_path = sys.argv[1:4]
failures = []
with h5py.File(big_path, "r") as big, h5py.File(small_path, "r") as small:
    data, labels = big["data"], big["binlabels"]
    n, channels, length = data.shape
    report = {"file": big_path, "shape": list(data.shape), "dtype": str(data.dtype), "chunks": list(data.chunks),
              "compression": data.compression, "label_shape": list(labels.shape),
              "factors": len(big.attrs["factors"]), "alphabet": big.attrs["alphabet"].decode()}
    if channels != 4 or data.dtype != np.uint8 or labels.dtype != np.uint8 or labels.shape[0] != n:
        failures.append("layout")
    if data.chunks[0] != 256 or data.compression != "gzip":
        failures.append("chunks or compression")
    m = small["data"].shape[0]
    same = np.array_equal(small["data"][:], data[:m]) and np.array_equal(small["binlabels"][:], labels[:m])
    report["first_windows_equal_small_file"] = m if same else False
    if not same:
        failures.append("first windows differ from the small file")
    rng = np.random.default_rng(1)
    sample = np.sort(rng.choice(n, size=min(n, 2000), replace=False))
    ok = all(data[i].sum(axis=0).max() <= 1 and data[i].sum() >= length * 0.99 for i in sample)
    report["sampled_windows_one_hot"] = len(sample) if ok else False
    if not ok:
        failures.append("a sampled window is not one-hot")
    positives = np.zeros(labels.shape[1], dtype=np.int64)
    for start in range(0, n, 65536):
        positives += labels[start:start + 65536].sum(axis=0, dtype=np.int64)
    said = re.search(r"positive windows per factor ([\d,]+) to ([\d,]+)", open(log_path).read())
    expected = [int(said.group(1).replace(",", "")), int(said.group(2).replace(",", ""))]
    report["positives_min_max"] = [int(positives.min()), int(positives.max())]
    if report["positives_min_max"] != expected:
        failures.append(f"positives {report['positives_min_max']} but zinfer said {expected}")
report["failures"] = failures
print(json.dumps(report))
sys.exit(1 if failures else 0)
