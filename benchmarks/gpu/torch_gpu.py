#!/usr/bin/env python3
"""PyTorch on the GPU for the device check: the thesis' Keras model rebuilt in PyTorch (benchmarks/torch_scan.py)
with the same weights, scoring the windows zinfer's scan scores in the same genome (every contig, windows at
contig start + k*step that fit in the contig), in strict float32 (no TF32), reading and encoding on the CPU
as zinfer does. Prints one line per batch size:
    torch batch=B windows=N seconds=S windows_per_s=R
With --check WINDOWS.bin REFERENCE.f32 it first prints the largest difference from zinfer's CPU engine on the
packed windows (channel codes, 1000 bytes each).

usage: torch_gpu.py MODEL.h5 GENOME.fa [--step 50] [--batches 1024,4096] [--check WINDOWS.bin REFERENCE.f32]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from torch_scan import KerasConvLstm  # noqa: E402

LENGTH = 1000


def contigs(path):
    sequences, name, parts = [], None, []
    with open(path, "rb") as fasta:
        for line in fasta:
            if line.startswith(b">"):
                if name is not None:
                    sequences.append(b"".join(parts))
                name, parts = line[1:].strip(), []
            else:
                parts.append(line.strip().upper())
    if name is not None:
        sequences.append(b"".join(parts))
    return sequences


def codes(bases):
    table = np.full(256, -1, dtype=np.int8)
    for c, b in enumerate(b"ACGT"):
        table[b] = c
    return table[np.frombuffer(bases, dtype=np.uint8)]


def one_hot(windows):
    """windows: (n, LENGTH) channel codes, -1 for N -> (n, 4, LENGTH) float32."""
    x = np.zeros((windows.shape[0], 4, LENGTH), dtype=np.float32)
    n, p = np.nonzero(windows >= 0)
    x[n, windows[n, p], p] = 1
    return x


def scan(model, encoded, step, batch, device):
    count = 0
    started = time.perf_counter()
    with torch.no_grad():
        for sequence in encoded:
            starts = np.arange(0, len(sequence) - LENGTH + 1, step)
            for i in range(0, len(starts), batch):
                chunk = starts[i:i + batch]
                windows = np.lib.stride_tricks.sliding_window_view(sequence, LENGTH)[chunk]
                x = torch.from_numpy(one_hot(windows)).pin_memory().to(device, non_blocking=True)
                model(x).cpu()
                count += len(chunk)
    torch.cuda.synchronize()
    return count, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("genome")
    parser.add_argument("--step", type=int, default=50)
    parser.add_argument("--batches", default="1024,4096,16384")
    parser.add_argument("--check", nargs=2)
    args = parser.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device("cuda")
    model = KerasConvLstm(args.model).eval().to(device)
    print("torch %s, CUDA %s, cuDNN %s, %s" % (torch.__version__, torch.version.cuda, torch.backends.cudnn.version(),
                                               torch.cuda.get_device_name(0)))
    if args.check:
        windows = np.fromfile(args.check[0], dtype=np.int8).reshape(-1, LENGTH)
        reference = np.fromfile(args.check[1], dtype="<f4").reshape(windows.shape[0], -1)
        with torch.no_grad():
            scores = model(torch.from_numpy(one_hot(windows)).to(device)).cpu().numpy()
        print("torch check: max abs diff from zinfer's CPU engine %.3g over %d windows" % (np.abs(scores - reference).max(), len(windows)))
    encoded = [codes(s) for s in contigs(args.genome)]
    scan(model, [encoded[0][:200 * LENGTH]], args.step, 1024, device)  # warm-up: cuDNN plans, allocator
    for batch in (int(b) for b in args.batches.split(",")):
        count, seconds = scan(model, encoded, args.step, batch, device)
        print("torch batch=%d windows=%d seconds=%.3f windows_per_s=%.1f" % (batch, count, seconds, count / seconds))


if __name__ == "__main__":
    main()
