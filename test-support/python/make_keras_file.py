#!/usr/bin/env python3
"""Writes a small Keras-2-style HDF5 model file (model_config + model_weights, random weights) for tests.

usage: make_keras_file.py OUT.h5 KIND
KIND: convrnn  Conv1D(same, even k) -> MaxPool -> Conv1D(valid) -> MaxPool -> BiLSTM -> Dense -> Dense
      lambda   like convrnn with a Lambda layer after the first pooling (zinfer must refuse it)
"""
import json
import sys

import h5py
import numpy as np

rng = np.random.default_rng(11)


def layer(kind, name, inbound, **config):
    config["name"] = name
    node = {"class_name": kind, "config": config, "name": name}
    node["inbound_nodes"] = [[[inbound, 0, 0, {}]]] if inbound else []
    return node


def build(kind):
    layers = [layer("InputLayer", "input_1", None, batch_input_shape=[None, 1000, 4])]
    weights = {}
    leaky = {"class_name": "LeakyReLU", "config": {"name": "lr", "alpha": 0.0}}
    layers.append(layer("Conv1D", "conv1d", "input_1", filters=6, kernel_size=[8], strides=[1], padding="same",
                        data_format="channels_last", activation=leaky, use_bias=True))
    weights["conv1d"] = {"conv1d/kernel:0": rng.normal(0, 0.3, (8, 4, 6)), "conv1d/bias:0": rng.normal(0, 0.1, 6)}
    layers.append(layer("MaxPooling1D", "max_pooling1d", "conv1d", pool_size=[4], strides=[4], padding="valid",
                        data_format="channels_last"))
    previous = "max_pooling1d"
    if kind == "lambda":
        layers.append(layer("Lambda", "lambda", previous, function="x * 2"))
        previous = "lambda"
    layers.append(layer("Conv1D", "conv1d_1", previous, filters=5, kernel_size=[3], strides=[1], padding="valid",
                        data_format="channels_last", activation="relu", use_bias=True))
    weights["conv1d_1"] = {"conv1d_1/kernel:0": rng.normal(0, 0.3, (3, 6, 5)), "conv1d_1/bias:0": rng.normal(0, 0.1, 5)}
    layers.append(layer("MaxPooling1D", "max_pooling1d_1", "conv1d_1", pool_size=[4], strides=[4], padding="valid",
                        data_format="channels_last"))
    lstm = {"class_name": "LSTM", "config": {"name": "lstm", "units": 4, "activation": "tanh",
                                             "recurrent_activation": "sigmoid", "use_bias": True,
                                             "return_sequences": False}}
    layers.append(layer("Bidirectional", "bidirectional", "max_pooling1d_1", layer=lstm, merge_mode="concat"))
    weights["bidirectional"] = {}
    for direction, cell in (("forward_lstm", "lstm_cell_1"), ("backward_lstm", "lstm_cell_2")):
        base = "bidirectional/%s/%s/" % (direction, cell)
        weights["bidirectional"][base + "kernel:0"] = rng.normal(0, 0.4, (5, 16))
        weights["bidirectional"][base + "recurrent_kernel:0"] = rng.normal(0, 0.4, (4, 16))
        weights["bidirectional"][base + "bias:0"] = rng.normal(0, 0.2, 16)
    layers.append(layer("Dense", "dense", "bidirectional", units=3, use_bias=True,
                        activation={"class_name": "LeakyReLU", "config": {"name": "lr2", "alpha": 0.3}}))
    weights["dense"] = {"dense/kernel:0": rng.normal(0, 0.5, (8, 3)), "dense/bias:0": rng.normal(0, 0.1, 3)}
    layers.append(layer("Dense", "dense_1", "dense", units=2, use_bias=True, activation="sigmoid"))
    weights["dense_1"] = {"dense_1/kernel:0": rng.normal(0, 0.5, (3, 2)), "dense_1/bias:0": rng.normal(0, 0.1, 2)}
    config = {"class_name": "Functional", "config": {"name": "model", "layers": layers,
                                                     "input_layers": [["input_1", 0, 0]],
                                                     "output_layers": [["dense_1", 0, 0]]}}
    return config, weights, [l["name"] for l in layers]


def main():
    global rng
    out, kind = sys.argv[1], sys.argv[2]
    if kind.endswith("-reseeded"):  # the same design with other weights
        rng = np.random.default_rng(12)
        kind = kind[: -len("-reseeded")]
    config, weights, names = build(kind)
    with h5py.File(out, "w") as h5:
        h5.attrs["model_config"] = json.dumps(config)
        h5.attrs["keras_version"] = "2.8.0"
        h5.attrs["backend"] = "tensorflow"
        group = h5.create_group("model_weights")
        group.attrs["layer_names"] = np.array([n.encode() for n in names])
        for name in names:
            g = group.create_group(name)
            tensors = weights.get(name, {})
            g.attrs["weight_names"] = np.array([k.encode() for k in tensors])
            for path, value in tensors.items():
                g.create_dataset(path, data=value.astype(np.float32))


if __name__ == "__main__":
    main()
