#!/usr/bin/env python3
"""Independent Keras-semantics forward pass of a Keras 2 HDF5 model, in numpy (float64).

Reads the model's layer chain and weights with h5py and scores each FASTA record (one-hot A,C,G,T, other
symbols all zero, channels last as Keras sees them). Used by zinfer's tests to check its import to the last
digit. --perturb applies one deliberate mistake (wrong gate order, padding side, pooling mode, LeakyReLU
alpha or one-hot order) to show that the comparison can tell.

usage: keras_reference.py MODEL.h5 RECORDS.fa OUT.tsv [--perturb KIND]
"""
import argparse
import json

import h5py
import numpy as np

PERTURBATIONS = ["gate-order", "padding", "pooling", "alpha", "alphabet"]


def read_fasta(path):
    names, seqs, current = [], [], []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith(">"):
                if names:
                    seqs.append("".join(current))
                names.append(line[1:].split()[0])
                current = []
            elif line:
                current.append(line)
    if names:
        seqs.append("".join(current))
    return names, seqs


def one_hot(seqs, alphabet):
    x = np.zeros((len(seqs), len(seqs[0]), 4))
    for n, s in enumerate(seqs):
        codes = np.frombuffer(s.upper().encode(), dtype=np.uint8)
        for c, base in enumerate(alphabet):
            x[n, codes == ord(base), c] = 1.0
    return x


def activation(spec, perturb):
    if isinstance(spec, dict):
        if spec["class_name"] != "LeakyReLU":
            raise SystemExit("unsupported activation object " + spec["class_name"])
        alpha = spec["config"]["alpha"]
        if perturb == "alpha" and alpha > 0:
            alpha = 0.01  # DL4J's default leaky ReLU slope
        return lambda x: np.where(x > 0, x, alpha * x)
    return {
        "linear": lambda x: x,
        "relu": lambda x: np.maximum(x, 0),
        "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
        "tanh": np.tanh,
    }[spec]


def conv1d(x, kernel, bias, padding, perturb):
    k = kernel.shape[0]
    if padding == "same":
        left = (k - 1) // 2
        if perturb == "padding":
            left = k - 1 - left
        x = np.pad(x, ((0, 0), (left, k - 1 - left), (0, 0)))
    length = x.shape[1] - k + 1
    out = np.zeros((x.shape[0], length, kernel.shape[2]))
    for j in range(k):
        out += x[:, j:j + length, :] @ kernel[j]
    return out + bias


def max_pool(x, pool, stride, perturb):
    length = (x.shape[1] - pool) // stride + 1
    windows = np.stack([x[:, t * stride:t * stride + pool, :] for t in range(length)], axis=1)
    return windows.mean(axis=2) if perturb == "pooling" else windows.max(axis=2)


def lstm(x, kernel, recurrent, bias, perturb):
    units = recurrent.shape[0]
    h = np.zeros((x.shape[0], units))
    c = np.zeros((x.shape[0], units))
    sigmoid = lambda v: 1 / (1 + np.exp(-v))
    projected = x @ kernel + bias
    for t in range(x.shape[1]):
        z = projected[:, t, :] + h @ recurrent
        i, f, g, o = (z[:, k * units:(k + 1) * units] for k in range(4))
        if perturb == "gate-order":
            f, g = g, f
        c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    return h


def weights(group, layer):
    if layer not in group:
        return {}
    g = group[layer]
    out = {}
    for name in g.attrs.get("weight_names", []):
        name = name.decode() if isinstance(name, bytes) else name
        role = name.split("/")[-1].split(":")[0]
        for part in name.split("/"):
            if part.startswith("forward_"):
                role = "forward/" + role
            if part.startswith("backward_"):
                role = "backward/" + role
        out[role] = np.asarray(g[name], dtype=np.float64)
    return out


def forward(path, x, perturb):
    with h5py.File(path, "r") as h5:
        config = json.loads(h5.attrs["model_config"])
        group = h5["model_weights"]
        for layer in config["config"]["layers"]:
            kind, c = layer["class_name"], layer["config"]
            w = weights(group, c["name"])
            if kind == "Conv1D":
                x = activation(c["activation"], perturb)(conv1d(x, w["kernel"], w["bias"], c["padding"], perturb))
            elif kind == "MaxPooling1D":
                x = max_pool(x, c["pool_size"][0], c["strides"][0], perturb)
            elif kind == "Flatten":
                x = x.reshape(x.shape[0], -1)
            elif kind == "Dense":
                x = activation(c["activation"], perturb)(x @ w["kernel"] + w["bias"])
            elif kind == "Bidirectional":
                forward_state = lstm(x, w["forward/kernel"], w["forward/recurrent_kernel"], w["forward/bias"], perturb)
                backward_state = lstm(x[:, ::-1, :], w["backward/kernel"], w["backward/recurrent_kernel"], w["backward/bias"], perturb)
                x = np.concatenate([forward_state, backward_state], axis=1)
            elif kind in ("InputLayer", "Dropout"):
                pass
            else:
                raise SystemExit("unsupported layer " + kind)
    return x


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("fasta")
    parser.add_argument("out")
    parser.add_argument("--perturb", choices=PERTURBATIONS)
    args = parser.parse_args()
    names, seqs = read_fasta(args.fasta)
    alphabet = "AGCT" if args.perturb == "alphabet" else "ACGT"
    scores = np.concatenate([forward(args.model, one_hot(seqs[i:i + 256], alphabet), args.perturb)
                             for i in range(0, len(seqs), 256)])
    with open(args.out, "w") as out:
        out.write("name\t" + "\t".join("f%d" % (k + 1) for k in range(scores.shape[1])) + "\n")
        for name, row in zip(names, scores):
            out.write(name + "\t" + "\t".join("%.10g" % v for v in row) + "\n")


if __name__ == "__main__":
    main()
