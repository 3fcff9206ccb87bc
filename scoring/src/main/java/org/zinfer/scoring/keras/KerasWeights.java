package org.zinfer.scoring.keras;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.util.List;
import java.util.Map;

/**
 * Copies Keras weights into a network built by {@link NetworkBuilder}, converting layouts: Dense rows after a Flatten from Keras' (position, channel) order to
 * DL4J's (channel, position) order; LSTM gate blocks from Keras' i, f, c, o to DL4J's c, f, o, i.
 */
public final class KerasWeights {
    /** Where each DL4J gate block (c, f, o, i) sits among Keras' blocks (i, f, c, o). */
    private static final int[] KERAS_BLOCK_OF_DL4J_BLOCK = {2, 1, 3, 0};

    private KerasWeights() {
    }

    public static void apply(KerasModel model, ComputationGraph network) {
        Architecture architecture = model.architecture();
        List<LayerSpec> layers = architecture.layers();
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            Map<String, Tensor> w = model.weights().get(spec.name());
            if (spec instanceof LayerSpec.Conv1D) {
                Layer layer = network.getLayer(spec.name());
                // DL4J 1.0.0-M2.1 reports a Conv1D weight as [out, in, k, 1], yet its convolution reads the buffer
                // as [k, in, out], Keras' own layout (measured with impulse inputs): the kernel goes in unchanged.
                set(layer, "W", tensor(w, spec, "kernel").values());
                set(layer, "b", tensor(w, spec, "bias").values());
            } else if (spec instanceof LayerSpec.Dense) {
                Layer layer = network.getLayer(spec.name());
                boolean afterFlatten = i > 0 && layers.get(i - 1) instanceof LayerSpec.Flatten;
                int[] flattened = afterFlatten ? architecture.inputShape(i - 1) : null;
                set(layer, "W", dense(tensor(w, spec, "kernel"), flattened));
                set(layer, "b", tensor(w, spec, "bias").values());
            } else if (spec instanceof LayerSpec.Lstm lstm) {
                if (lstm.bidirectional()) {
                    lstm(network.getLayer(spec.name() + NetworkBuilder.FORWARD), w, spec, "forward/");
                    lstm(network.getLayer(spec.name() + NetworkBuilder.BACKWARD), w, spec, "backward/");
                } else {
                    lstm(network.getLayer(spec.name()), w, spec, "");
                }
            }
        }
    }

    private static void lstm(Layer layer, Map<String, Tensor> w, LayerSpec spec, String prefix) {
        set(layer, "W", gates(tensor(w, spec, prefix + "kernel")));
        set(layer, "RW", gates(tensor(w, spec, prefix + "recurrent_kernel")));
        Tensor bias = tensor(w, spec, prefix + "bias");
        set(layer, "b", gates(new Tensor(bias.values(), new int[] {1, bias.dim(0)})));
    }

    /** Keras (in, out); when fed by a Flatten of {length, channels}, rows move from t*C+c to c*T+t. */
    private static float[] dense(Tensor kernel, int[] flattened) {
        if (flattened == null) {
            return kernel.values();
        }
        int length = flattened[0];
        int channels = flattened[1];
        int out = kernel.dim(1);
        float[] v = kernel.values();
        float[] result = new float[v.length];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(v, (t * channels + c) * out, result, (c * length + t) * out, out);
            }
        }
        return result;
    }

    /** Reorders the four gate blocks of the columns of a (rows, 4u) matrix from Keras' to DL4J's order. */
    private static float[] gates(Tensor matrix) {
        int rows = matrix.dim(0);
        int columns = matrix.dim(1);
        int units = columns / 4;
        float[] v = matrix.values();
        float[] result = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int block = 0; block < 4; block++) {
                System.arraycopy(v, r * columns + KERAS_BLOCK_OF_DL4J_BLOCK[block] * units, result, r * columns + block * units, units);
            }
        }
        return result;
    }

    private static Tensor tensor(Map<String, Tensor> weights, LayerSpec spec, String role) {
        Tensor tensor = weights == null ? null : weights.get(role);
        if (tensor == null) {
            throw new InputException("Keras model: layer '" + spec.name() + "' has no weight '" + role + "'");
        }
        return tensor;
    }

    private static void set(Layer layer, String key, float[] values) {
        INDArray param = layer.getParam(key);
        if (param.length() != values.length) {
            throw new InputException("Keras model: layer '" + layer.getConfig().getLayerName() + "' weight " + key
                    + " has " + values.length + " values, the network expects " + param.length());
        }
        param.assign(Nd4j.create(values, param.shape(), 'c'));
    }
}
