package org.zinfer.scoring.keras;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.model.Parameters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras model's weights in DL4J's layouts, computed in pure Java: Dense rows after a Flatten move from Keras'
 * (position, channel) order to DL4J's (channel, position) order; LSTM gate blocks from Keras' i, f, c, o to
 * DL4J's c, f, o, i. Layer names are those of the network {@link NetworkBuilder} builds.
 */
public final class KerasParameters implements Parameters {
    /** Where each DL4J gate block (c, f, o, i) sits among Keras' blocks (i, f, c, o). */
    private static final int[] KERAS_BLOCK_OF_DL4J_BLOCK = {2, 1, 3, 0};
    private final Map<String, Map<String, float[]>> layers = new HashMap<>();

    public KerasParameters(KerasModel model) {
        Architecture architecture = model.architecture();
        List<LayerSpec> specs = architecture.layers();
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            Map<String, Tensor> w = model.weights().get(spec.name());
            int inputs = architecture.inputShape(i)[1];
            if (spec instanceof LayerSpec.Conv1D conv) {
                // DL4J 1.0.0-M2.1 reports a Conv1D weight as [out, in, k, 1], yet its convolution reads the buffer
                // as [k, in, out], Keras' own layout (measured with impulse inputs): the kernel goes in unchanged.
                put(spec.name(), "W", tensor(w, spec, "kernel", conv.kernel() * inputs * conv.filters()).values());
                put(spec.name(), "b", tensor(w, spec, "bias", conv.filters()).values());
            } else if (spec instanceof LayerSpec.Dense dense) {
                boolean afterFlatten = i > 0 && specs.get(i - 1) instanceof LayerSpec.Flatten;
                put(spec.name(), "W", dense(tensor(w, spec, "kernel", inputs * dense.units()), afterFlatten ? architecture.inputShape(i - 1) : null));
                put(spec.name(), "b", tensor(w, spec, "bias", dense.units()).values());
            } else if (spec instanceof LayerSpec.Lstm lstm) {
                if (lstm.bidirectional()) {
                    lstm(spec.name() + NetworkBuilder.FORWARD, w, lstm, "forward/", inputs);
                    lstm(spec.name() + NetworkBuilder.BACKWARD, w, lstm, "backward/", inputs);
                } else {
                    lstm(spec.name(), w, lstm, "", inputs);
                }
            }
        }
    }

    /** The layer's weight; a layer or key the model lacks is a programming error, reported by name. */
    @Override
    public float[] get(String layer, String key) {
        float[] values = layers.getOrDefault(layer, Map.of()).get(key);
        if (values == null) {
            throw new IllegalArgumentException("no weight " + key + " for layer " + layer);
        }
        return values;
    }

    /** The layers and keys there are, for copying into a network. */
    public Map<String, Map<String, float[]>> all() {
        return layers;
    }

    private void put(String layer, String key, float[] values) {
        layers.computeIfAbsent(layer, l -> new HashMap<>()).put(key, values);
    }

    private void lstm(String layer, Map<String, Tensor> w, LayerSpec.Lstm spec, String prefix, int inputs) {
        int gates = 4 * spec.units();
        put(layer, "W", gates(tensor(w, spec, prefix + "kernel", inputs * gates)));
        put(layer, "RW", gates(tensor(w, spec, prefix + "recurrent_kernel", spec.units() * gates)));
        Tensor bias = tensor(w, spec, prefix + "bias", gates);
        put(layer, "b", gates(new Tensor(bias.values(), new int[] {1, bias.dim(0)})));
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

    /** The layer's weight of this role, which the architecture says holds size values. */
    private static Tensor tensor(Map<String, Tensor> weights, LayerSpec spec, String role, int size) {
        Tensor tensor = weights == null ? null : weights.get(role);
        if (tensor == null) {
            throw new InputException("Keras model: layer '" + spec.name() + "' has no weight '" + role + "'");
        }
        if (tensor.values().length != size) {
            throw new InputException("Keras model: layer '" + spec.name() + "' weight '" + role + "' has " + tensor.values().length
                    + " values, its configuration needs " + size);
        }
        return tensor;
    }
}
