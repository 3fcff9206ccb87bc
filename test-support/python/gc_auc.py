#!/usr/bin/env python3
"""ROC AUC of each window's G+C fraction (of its A, C, G, T) against each label column of a zinfer dataset:
an independent check of zinfer evaluate's G+C baseline (numpy and h5py only).

usage: gc_auc.py DATASET.h5   prints one AUC per factor, tab-separated
"""
import sys

import h5py
import numpy as np


def roc_auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    _, first, counts = np.unique(scores[order], return_index=True, return_counts=True)
    for start, count in zip(first, counts):
        ranks[order[start:start + count]] = start + (count + 1) / 2
    positives = labels.sum()
    negatives = len(labels) - positives
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


with h5py.File(sys.argv[1], "r") as f:
    data = f["data"][:].astype(np.int64)          # (N, 4, L) one-hot A, C, G, T
    labels = f["binlabels"][:]
known = data.sum(axis=(1, 2))
gc = (data[:, 1, :].sum(axis=1) + data[:, 2, :].sum(axis=1)) / np.maximum(known, 1)
gc = gc.astype(np.float32)                         # zinfer's scores are floats
print("\t".join(f"{roc_auc(gc, labels[:, k]):.10f}" for k in range(labels.shape[1])))
