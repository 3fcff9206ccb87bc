#!/usr/bin/python3
"""A reference for models trained on data made by `zinfer simulate`: per-factor ROC AUC of the true motif's
likelihood ratio, "one instance somewhere, either strand" against "background only" — a PWM scan with the very
matrix the instances were drawn from, summed over positions.

For one factor alone in i.i.d. background this is the optimal score (Neyman-Pearson), so it shows how much
a low-information motif is lost in chance matches at a given window length. It is not a bound for a
multi-label model: instances of other, similar factors in the same windows fool the scan, and a model that
learned all the motifs can explain them away (it beats the scan on GC-rich motifs such as EGR1).

usage: motif_baseline.py DATASET.h5 MOTIFS.transfac [METRICS.tsv]
(METRICS.tsv: what `zinfer evaluate` wrote for a model on the same dataset, to print beside the scan)
"""
import json
import sys

import h5py
import numpy as np


def read_transfac(path):
    motifs, accession, rows = {}, None, []
    for line in open(path):
        fields = line.split()
        if not fields:
            continue
        if fields[0] == "AC":
            accession, rows = fields[1], []
        elif fields[0] == "ID" and accession:
            motifs[accession] = (fields[1], rows)
        elif fields[0].isdigit() and accession and len(fields) >= 5:
            rows.append([float(x) for x in fields[1:5]])
    return {a: (name, np.array(r) / np.array(r).sum(axis=1, keepdims=True)) for a, (name, r) in motifs.items()}


def roc_auc(scores, labels):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # average ranks over ties
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    for start, count in zip(first, counts):
        ranks[order[start:start + count]] = start + (count + 1) / 2
    positives = labels.sum()
    negatives = len(labels) - positives
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def log_likelihood_ratio(bases, probabilities, background):
    """log of the sum over positions and strands of P(site | motif) / P(site | background)."""
    log_odds = np.log(probabilities + 1e-9) - np.log(background)[None, :]
    width = len(log_odds)
    totals = []
    for matrix in (log_odds, log_odds[::-1, ::-1]):  # reverse complement: A,C,G,T reversed is T,G,C,A
        positions = bases.shape[1] - width + 1
        score = np.zeros((bases.shape[0], positions))
        for k in range(width):
            score += matrix[k][bases[:, k:k + positions]]
        totals.append(score)
    both = np.concatenate(totals, axis=1)
    top = both.max(axis=1, keepdims=True)
    return top[:, 0] + np.log(np.exp(both - top).sum(axis=1))


def main():
    dataset, motif_file = sys.argv[1], sys.argv[2]
    h5 = h5py.File(dataset, "r")
    provenance = json.loads(h5.attrs["provenance"])
    gc = float(provenance["background"].split("GC")[1])
    background = np.array([(1 - gc) / 2, gc / 2, gc / 2, (1 - gc) / 2])
    bases = h5["data"][:].argmax(axis=1)
    labels = h5["binlabels"][:]
    motifs = read_transfac(motif_file)
    model = None
    if len(sys.argv) > 3:
        rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[3])][1:]
        model = {row[0]: float(row[3]) for row in rows}
    print("factor\tinformation_bits\tscan_auc" + ("\tmodel_auc" if model else ""))
    scans, models = [], []
    for k, entry in enumerate(provenance["motifs"]):
        accession, name = entry.split()
        probabilities = motifs[accession][1]
        bits = float((2 + (probabilities * np.log2(probabilities + 1e-12)).sum(axis=1)).sum())
        scan = roc_auc(log_likelihood_ratio(bases, probabilities, background), labels[:, k])
        scans.append(scan)
        row = f"{name}\t{bits:.1f}\t{scan:.4f}"
        if model:
            models.append(model[name])
            row += f"\t{models[-1]:.4f}"
        print(row)
    print(f"mean\t\t{np.mean(scans):.4f}" + (f"\t{np.mean(models):.4f}" if models else ""))


if __name__ == "__main__":
    main()
