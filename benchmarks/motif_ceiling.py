#!/usr/bin/python3
"""What any model can reach on a dataset made by `zinfer simulate`: per-factor ROC AUC of the
likelihood ratio "one instance of the motif somewhere, either strand" vs "background only".

For windows simulated with i.i.d. background and one instance per present factor, this ratio is the
optimal score for each factor on its own (Neyman-Pearson), so its AUC is a ceiling for a trained model
up to the small effects it ignores (instances of different factors never overlap). A motif with little
information is matched by chance in background about as often as it is implanted, and no model can
separate those windows.

usage: motif_ceiling.py DATASET.h5 MOTIFS.transfac [PREDICTIONS.tsv]
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
    predictions = None
    if len(sys.argv) > 3:
        predictions = np.loadtxt(sys.argv[3], skiprows=1, usecols=range(1, labels.shape[1] + 1), ndmin=2)
    print("factor\tinformation_bits\tceiling_auc" + ("\tmodel_auc" if predictions is not None else ""))
    ceilings, models = [], []
    for k, entry in enumerate(provenance["motifs"]):
        accession, name = entry.split()
        probabilities = motifs[accession][1]
        bits = float((2 + (probabilities * np.log2(probabilities + 1e-12)).sum(axis=1)).sum())
        ceiling = roc_auc(log_likelihood_ratio(bases, probabilities, background), labels[:, k])
        ceilings.append(ceiling)
        row = f"{name}\t{bits:.1f}\t{ceiling:.4f}"
        if predictions is not None:
            models.append(roc_auc(predictions[:, k], labels[:, k]))
            row += f"\t{models[-1]:.4f}"
        print(row)
    print(f"mean\t\t{np.mean(ceilings):.4f}" + (f"\t{np.mean(models):.4f}" if models else ""))


if __name__ == "__main__":
    main()
