package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.scoring.kernels.Mirror;

import java.util.Arrays;

/** One trainable variable of a DL4J layer (e.g. the W of conv1) in DL4J's own layout, and its gradient. */
final class Variable {
    final String layer;
    final String key;
    final long[] shape;
    private final int size;
    final Mirror value;
    final Mirror gradient;

    Variable(ComputationGraph network, String layer, String key) {
        this.layer = layer;
        this.key = key;
        INDArray param = network.getLayer(layer).getParam(key);
        this.shape = param.shape();
        float[] values = param.dup('c').data().asFloat();
        this.size = values.length;
        this.value = new Mirror(values.length);
        System.arraycopy(values, 0, value.heap, 0, values.length);
        value.push(values.length);
        this.gradient = new Mirror(values.length);
    }

    int size() {
        return size;
    }

    float[] values() {
        return value.heap;
    }

    float[] gradients() {
        return gradient.heap;
    }

    /** Writes the current values into the network. */
    void store(ComputationGraph network) {
        store(network, layer, key, Arrays.copyOf(value.heap, size()));
    }

    /** Writes these values, in DL4J's layout, into one of the network's parameters (of the same shape). */
    static void store(ComputationGraph network, String layer, String key, float[] values) {
        INDArray param = network.getLayer(layer).getParam(key);
        network.getLayer(layer).setParam(key, Nd4j.create(values, param.shape(), 'c'));
    }

    /** Makes the native copy follow the array after an update. */
    void pushValues() {
        value.push(size());
    }
}
