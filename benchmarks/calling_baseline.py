#!/usr/bin/python3
"""The baseline beside zinfer call's figures on simulated genomes (benchmarks/calling_fdr.sh): the same calling
procedure on a scan with each factor's true matrix instead of the model. Every window of the scan (1000 nt, step
50, as zinfer scan cuts them) scores the best PWM log-odds of the factor's JASPAR matrix on either strand
(background: the genome's base composition); the null is the same score on 20,000 dinucleotide-shuffled windows of
the genome (drawn and shuffled as zinfer calibrate does: Altschul-Erickson); p-values are empirical, with an
exponential tail fitted to the top 1%; Benjamini-Hochberg at 0.05 over all windows; passing windows that overlap
merge into a site whose summit is its best window's centre. A call is false when its summit lies more than 500 nt
from every site of its factor.

usage: calling_baseline.py GENOME.fa SITES.bed MOTIFS.transfac FACTORS_ARGS [SEED]
prints per factor calls, false calls, FDR, sites, found, recall, and the means
"""
import random
import sys

import numpy as np

from motif_baseline import read_transfac

WINDOW, STEP, NULLS, FDR = 1000, 50, 20000, 0.05
CODE = {c: i for i, c in enumerate("ACGT")}


def read_fasta(path):
    contigs, name = {}, None
    for line in open(path):
        if line.startswith(">"):
            name = line[1:].split()[0]
            contigs[name] = []
        else:
            contigs[name].append(line.strip().upper())
    return {n: "".join(parts) for n, parts in contigs.items()}


def encode(sequence):
    return np.array([CODE.get(c, 4) for c in sequence], dtype=np.int8)


def position_scores(codes, logodds):
    """Best-strand log-odds of the motif starting at each position (-inf where it would run off or meet an N)."""
    width = len(logodds)
    table = np.vstack([logodds.T, np.full((1, width), -np.inf)])          # [5][width], row 4: N
    reverse = np.vstack([logodds[::-1, ::-1].T, np.full((1, width), -np.inf)])
    n = len(codes) - width + 1
    forward = np.zeros(n)
    backward = np.zeros(n)
    for j in range(width):
        forward += table[codes[j:j + n], j]
        backward += reverse[codes[j:j + n], j]
    return np.maximum(forward, backward)


def window_maxima(scores, length, width):
    """The best motif start inside each scan window [s, s + WINDOW) (the motif wholly inside), s = 0, 50, ..."""
    starts = np.arange(0, length - WINDOW + 1, STEP)
    span = WINDOW - width + 1
    best = np.full(len(starts), -np.inf)
    for offset in range(0, span, STEP):
        block = min(STEP, span - offset)
        chunk = np.lib.stride_tricks.sliding_window_view(scores, block)[starts + offset]
        best = np.maximum(best, chunk.max(axis=1))
    return starts, best


def dinucleotide_shuffle(sequence, rng):
    """Altschul-Erickson (as Kandel et al.): every vertex's last exit drawn at random until the last exits reach
    the sequence's final base from every vertex, the other exits shuffled, then the Eulerian walk they give."""
    edges = {}
    for a, b in zip(sequence, sequence[1:]):
        edges.setdefault(a, []).append(b)
    final = sequence[-1]
    while True:
        exits = {v: rng.choice(outs) for v, outs in edges.items() if v != final}
        if all(reaches(v, exits, final) for v in exits):
            break
    lists = {}
    for v, outs in edges.items():
        outs = list(outs)
        if v in exits:
            outs.remove(exits[v])
        rng.shuffle(outs)
        if v in exits:
            outs.append(exits[v])
        lists[v] = outs
    result, v = [sequence[0]], sequence[0]
    for _ in range(len(sequence) - 1):
        v = lists[v].pop(0)
        result.append(v)
    return "".join(result)


def reaches(vertex, exits, final):
    seen = set()
    while vertex != final:
        if vertex in seen or vertex not in exits:
            return False
        seen.add(vertex)
        vertex = exits[vertex]
    return True


class Null:
    def __init__(self, scores):
        self.sorted = np.sort(scores)
        n = len(scores)
        self.tail = max(0.01, 100 / n)
        self.threshold = self.sorted[n - int(np.ceil(self.tail * n))]
        excess = self.sorted[self.sorted > self.threshold] - self.threshold
        self.scale = max(excess.mean() if len(excess) else 1e-6, 1e-6)

    def p(self, scores):
        n = len(self.sorted)
        empirical = (n - np.searchsorted(self.sorted, scores, side="left")) / n
        tail = self.tail * np.exp(-np.maximum(scores - self.threshold, 0) / self.scale)
        return np.where(scores > self.threshold, tail, np.maximum(empirical, 1e-300))


def main():
    genome_path, sites_path, motifs_path, args_path = sys.argv[1:5]
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 3
    genome = read_fasta(genome_path)
    ids = open(args_path).read().split("--factor=")[1].split()[0].split(",")
    matrices = read_transfac(motifs_path)
    sites = {}
    for line in open(sites_path):
        contig, start, end, factor = line.split("\t")[:4]
        sites.setdefault(factor, []).append((contig, (int(start) + int(end)) // 2))
    composition = np.bincount(np.concatenate([encode(s) for s in genome.values()]), minlength=5)[:4]
    background = composition / composition.sum()
    rng = random.Random(seed)
    names, lengths = list(genome), [len(s) for s in genome.values()]
    nulls = []
    while len(nulls) < NULLS:
        contig = rng.choices(names, weights=lengths)[0]
        start = rng.randrange(len(genome[contig]) - WINDOW + 1)
        window = genome[contig][start:start + WINDOW]
        if "N" not in window:
            nulls.append(encode(dinucleotide_shuffle(window, rng)))
    rates, recalls = [], []
    print("factor\tcalls\tfalse\tobserved_fdr\tsites\tfound\trecall")
    for accession in ids:
        factor, matrix = matrices[accession]
        logodds = np.log((matrix + 0.01) / (1 + 0.04) / background)
        width = len(matrix)
        null = Null(np.array([position_scores(w, logodds).max() for w in nulls]))
        windows = []
        for contig, sequence in genome.items():
            starts, best = window_maxima(position_scores(encode(sequence), logodds), len(sequence), width)
            windows += [(contig, s, b) for s, b in zip(starts, best)]
        p = null.p(np.array([w[2] for w in windows]))
        order = np.sort(p)
        passing = np.nonzero(order <= FDR * np.arange(1, len(p) + 1) / len(p))[0]
        threshold = order[passing[-1]] if len(passing) else -1
        summits, last, best = [], None, None
        for (contig, start, score), pv in zip(windows, p):
            if pv > threshold:
                continue
            if last is not None and (last[0] != contig or start >= last[1] + WINDOW):
                summits.append((best[0], best[1] + WINDOW // 2))
                best = None
            if best is None or score > best[2]:
                best = (contig, start, score)
            last = (contig, start)
        if best is not None:
            summits.append((best[0], best[1] + WINDOW // 2))
        near = lambda c, m: any(c == sc and abs(m - sm) <= 500 for sc, sm in sites.get(factor, []))
        false = sum(1 for c, m in summits if not near(c, m))
        found = sum(1 for sc, sm in sites.get(factor, []) if any(c == sc and abs(m - sm) <= 500 for c, m in summits))
        fdr = false / len(summits) if summits else 0.0
        recall = found / len(sites.get(factor, [1]))
        rates.append(fdr)
        recalls.append(recall)
        print(f"{factor}\t{len(summits)}\t{false}\t{fdr:.3f}\t{len(sites.get(factor, []))}\t{found}\t{recall:.3f}", flush=True)
    print(f"mean observed FDR {sum(rates) / len(rates):.3f}, mean recall {sum(recalls) / len(recalls):.3f} ({len(ids)} factors)")


if __name__ == "__main__":
    main()
