#!/usr/bin/env python3
"""PyTorch baseline for zinfer's scan benchmark: the thesis' Keras conv + BiLSTM model rebuilt in PyTorch
with the same weights, scoring the same windows zinfer scan scores (region start + k*step, 1000 nt).

Reads the region with `samtools faidx`, one-hot encodes A,C,G,T, scores in batches and prints one line:
    torch windows=N seconds=S windows_per_s=R
Windows start at region start + k*step inside the region, as in zinfer scan. The time covers reading, encoding and the forward passes (not writing tracks). With --check FILE it also
writes the scores as TSV (window start, then one column per output) to compare with zinfer. With
--reverse-complement each window is scored on both strands and its scores are the mean of the two, as
zinfer scan --reverse-complement does: two forward passes per window.

usage: torch_scan.py MODEL.h5 GENOME.fa.gz CONTIG:START-END [--step 50] [--threads 2] [--batch 256] [--reverse-complement]
"""
import argparse
import json
import subprocess
import time

import h5py
import numpy as np
import torch
import torch.nn.functional as F


class KerasConvLstm(torch.nn.Module):
    """Conv1D(same) -> MaxPool ... -> BiLSTM (final states) -> Dense ... as in the thesis' Keras models."""

    def __init__(self, path):
        super().__init__()
        self.steps = []
        with h5py.File(path, "r") as h5:
            config = json.loads(h5.attrs["model_config"])
            group = h5["model_weights"]
            for layer in config["config"]["layers"]:
                kind, c = layer["class_name"], layer["config"]
                w = {n.decode() if isinstance(n, bytes) else n: np.asarray(group[c["name"]][n])
                     for n in group[c["name"]].attrs.get("weight_names", [])} if c["name"] in group else {}
                get = lambda suffix: torch.tensor(next(v for k, v in w.items() if k.endswith(suffix)))
                if kind == "Conv1D":
                    conv = torch.nn.Conv1d(get("kernel:0").shape[1], c["filters"], c["kernel_size"][0])
                    conv.weight.data = get("kernel:0").permute(2, 1, 0).contiguous()
                    conv.bias.data = get("bias:0")
                    k = c["kernel_size"][0]
                    pad = ((k - 1) // 2, k - 1 - (k - 1) // 2) if c["padding"] == "same" else (0, 0)
                    self.add_module(c["name"], conv)
                    self.steps.append(("conv", conv, pad, self.activation(c["activation"])))
                elif kind == "MaxPooling1D":
                    self.steps.append(("pool", c["pool_size"][0]))
                elif kind == "Bidirectional":
                    units = c["layer"]["config"]["units"]
                    lstm = torch.nn.LSTM(get("forward_lstm/lstm_cell_1/kernel:0").shape[0] if False else
                                         next(v for k, v in w.items() if "forward" in k and k.endswith("/kernel:0")).shape[0],
                                         units, batch_first=True, bidirectional=True)
                    for direction, suffix in (("forward", ""), ("backward", "_reverse")):
                        pick = lambda name: torch.tensor(next(v for k, v in w.items() if direction in k and k.endswith("/" + name)))
                        getattr(lstm, "weight_ih_l0" + suffix).data = pick("kernel:0").t().contiguous()
                        getattr(lstm, "weight_hh_l0" + suffix).data = pick("recurrent_kernel:0").t().contiguous()
                        getattr(lstm, "bias_ih_l0" + suffix).data = pick("bias:0")
                        getattr(lstm, "bias_hh_l0" + suffix).data = torch.zeros(4 * units)
                    self.add_module(c["name"], lstm)
                    self.steps.append(("bilstm", lstm))
                elif kind == "Flatten":
                    self.steps.append(("flatten",))
                elif kind == "Dense":
                    dense = torch.nn.Linear(get("kernel:0").shape[0], c["units"])
                    dense.weight.data = get("kernel:0").t().contiguous()
                    dense.bias.data = get("bias:0")
                    self.add_module(c["name"], dense)
                    self.steps.append(("dense", dense, self.activation(c["activation"])))

    @staticmethod
    def activation(spec):
        if isinstance(spec, dict):
            alpha = spec["config"]["alpha"]
            return lambda x: F.leaky_relu(x, alpha) if alpha else F.relu(x)
        return {"relu": F.relu, "sigmoid": torch.sigmoid, "linear": lambda x: x, "tanh": torch.tanh}[spec]

    def forward(self, x):  # x: (batch, 4, length)
        for step in self.steps:
            if step[0] == "conv":
                x = step[3](step[1](F.pad(x, step[2])))
            elif step[0] == "pool":
                x = F.max_pool1d(x, step[1])
            elif step[0] == "bilstm":
                _, (h, _) = step[1](x.transpose(1, 2))
                x = torch.cat([h[0], h[1]], dim=1)
            elif step[0] == "flatten":
                x = x.transpose(1, 2).reshape(x.shape[0], -1)
            elif step[0] == "dense":
                x = step[2](step[1](x))
        return x


def region_bases(genome, region):
    fasta = subprocess.run(["samtools", "faidx", genome, region], check=True, capture_output=True, text=True).stdout
    return "".join(fasta.split("\n")[1:]).upper().encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("genome")
    parser.add_argument("region")
    parser.add_argument("--step", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--check")
    parser.add_argument("--reverse-complement", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = KerasConvLstm(args.model).eval()
    contig, span = args.region.replace(",", "").split(":")
    first, last = (int(x) for x in span.split("-"))
    first -= 1

    started = time.perf_counter()
    # windows start in the region and may reach 999 bases past its end, as zinfer scan's do
    bases = np.frombuffer(region_bases(args.genome, "%s:%d-%d" % (contig, first + 1, last + 999)), dtype=np.uint8)
    codes = np.full(256, -1, dtype=np.int64)
    for c, b in enumerate(b"ACGT"):
        codes[b] = c
    encoded = codes[bases]
    starts = [s for s in range(0, last - first, args.step) if s + 1000 <= len(bases)]
    outputs = []
    with torch.no_grad():
        for i in range(0, len(starts), args.batch):
            chunk = starts[i:i + args.batch]
            x = np.zeros((len(chunk), 4, 1000), dtype=np.float32)
            for n, s in enumerate(chunk):
                e = encoded[s:s + 1000]
                known = e >= 0
                x[n, e[known], np.nonzero(known)[0]] = 1
            x = torch.from_numpy(x)
            scores = model(x)
            if args.reverse_complement:  # channels A,C,G,T: the complement reverses them, the other strand the positions
                scores = (scores + model(x.flip(1).flip(2))) / 2
            outputs.append(scores.numpy())
    seconds = time.perf_counter() - started
    print("torch windows=%d seconds=%.3f windows_per_s=%.1f" % (len(starts), seconds, len(starts) / seconds))
    if args.check:
        scores = np.concatenate(outputs)
        with open(args.check, "w") as out:
            for s, row in zip(starts, scores):
                out.write("%d\t%s\n" % (first + s, "\t".join("%.9g" % v for v in row)))


if __name__ == "__main__":
    main()
