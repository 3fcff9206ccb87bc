"""Independent check of zinfer's HDF5 window datasets with h5py.

describe FILE: prints JSON with shapes, dtypes, chunking, compression, attributes and the argmax base string
of each window plus labels.
make FILE LAYOUT DTYPE: writes a small dataset (3 windows of 8 nt, 2 factors) in (N,4,L) 'first' or
(N,L,4) 'last' layout with the given numpy dtype, for zinfer to read.
bad FILE KIND: writes a dataset zinfer must refuse (see bad()).
"""
import json
import sys

import h5py
import numpy as np


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def describe(path):
    with h5py.File(path, "r") as f:
        data, labels = f["data"], f["binlabels"]
        arr = data[...]
        windows = []
        for w in arr:
            bases = "".join("ACGT"[int(np.argmax(w[:, i]))] if w[:, i].sum() == 1 else "N" for i in range(w.shape[1]))
            windows.append(bases)
        print(json.dumps({
            "shape": list(data.shape), "dtype": str(data.dtype), "chunks": list(data.chunks or []),
            "compression": data.compression, "label_shape": list(labels.shape), "label_dtype": str(labels.dtype),
            "label_chunks": list(labels.chunks or []),
            "factors": [text(x) for x in f.attrs["factors"]],
            "provenance": text(f.attrs["provenance"]), "windows": windows, "labels": labels[...].tolist()}))


def make(path, layout, dtype):
    seqs = ["ACGTACGT", "GGGGCCCC", "TTNAACCA"]
    labels = np.array([[1, 0], [0, 1], [1, 1]], dtype=dtype)
    data = np.zeros((3, 4, 8), dtype=dtype)
    for n, s in enumerate(seqs):
        for i, b in enumerate(s):
            if b in "ACGT":
                data[n, "ACGT".index(b), i] = 1
    if layout == "last":
        data = data.transpose(0, 2, 1)
    with h5py.File(path, "w") as f:
        f.create_dataset("data", data=data)
        f.create_dataset("binlabels", data=labels)


def bad(path, kind):
    """Files zinfer must refuse: 'shape' (N,5,8), 'dtype' (strings), 'factors' (3 names, 2 label columns),
    'nan' (float labels, one of them NaN)."""
    with h5py.File(path, "w") as f:
        if kind == "nan":
            f.create_dataset("data", data=np.zeros((40, 4, 1000), dtype="uint8"))
            labels = np.zeros((40, 2), dtype="float32")
            labels[1, 1] = np.nan
            f.create_dataset("binlabels", data=labels)
            return
        if kind == "shape":
            f.create_dataset("data", data=np.zeros((3, 5, 8), dtype="uint8"))
        elif kind == "dtype":
            f.create_dataset("data", data=np.array([[["A"] * 8] * 4] * 3, dtype="S1"))
        else:
            f.create_dataset("data", data=np.zeros((3, 4, 8), dtype="uint8"))
            f.attrs["factors"] = [b"a", b"b", b"c"]
        f.create_dataset("binlabels", data=np.zeros((3, 2), dtype="uint8"))


if __name__ == "__main__":
    if sys.argv[1] == "describe":
        describe(sys.argv[2])
    elif sys.argv[1] == "bad":
        bad(sys.argv[2], sys.argv[3])
    else:
        make(sys.argv[2], sys.argv[3], sys.argv[4])
