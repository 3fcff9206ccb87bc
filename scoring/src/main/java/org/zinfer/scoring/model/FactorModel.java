package org.zinfer.scoring.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * A network that scores one-hot windows for a list of factors, with what is known of it. Its weights are at hand
 * as {@link Parameters}; a model read from a Keras file builds its DL4J network only when first asked for it,
 * so that the fast engine scores it without ND4J (whose natives take a quarter of a second to load).
 */
public final class FactorModel {
    private final ModelMetadata metadata;
    private final Parameters parameters;
    private Supplier<ComputationGraph> builder;
    private ComputationGraph network;

    public FactorModel(ComputationGraph network, ModelMetadata metadata) {
        this.metadata = metadata;
        this.network = network;
        this.parameters = network == null ? null : Parameters.of(network);
    }

    private FactorModel(ModelMetadata metadata, Parameters parameters, Supplier<ComputationGraph> builder) {
        this.metadata = metadata;
        this.parameters = parameters;
        this.builder = builder;
    }

    /** A model whose network builder makes, when first asked for, the network holding these parameters. */
    public static FactorModel deferred(ModelMetadata metadata, Parameters parameters, Supplier<ComputationGraph> builder) {
        return new FactorModel(metadata, parameters, builder);
    }

    /** The DL4J network, built now if it was deferred. */
    public synchronized ComputationGraph network() {
        if (network == null && builder != null) {
            network = builder.get();
            builder = null;
        }
        return network;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The weights, as the engines read them. */
    public Parameters parameters() {
        return parameters;
    }

    public List<String> factors() {
        return metadata.factors();
    }

    public int windowLength() {
        return metadata.windowLength();
    }

    /**
     * SHA-256 of what decides the scores: architecture, factor names and every parameter's bits, in the order of
     * DL4J's flattened parameter vector, which a deferred model lays out from its parameters without building it.
     */
    public synchronized String checksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(metadata.architecture().toString().getBytes(StandardCharsets.UTF_8));
            digest.update(String.join("\t", factors()).getBytes(StandardCharsets.UTF_8));
            if (builder == null) {
                digest.update(network.params().data().asBytes());
            } else {
                flatParameters(digest);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * DL4J's flattened parameters, layer after layer: a convolution's bias then its weights (as stored), an LSTM's
     * input weights, recurrent weights and bias (a bidirectional one's forward layer first), a dense layer's
     * weights and bias; matrices column after column, as DL4J keeps them.
     */
    private void flatParameters(MessageDigest digest) {
        for (LayerSpec layer : metadata.architecture().layers()) {
            if (layer instanceof LayerSpec.Conv1D) {
                update(digest, parameters.get(layer.name(), "b"));
                update(digest, parameters.get(layer.name(), "W"));
            } else if (layer instanceof LayerSpec.Lstm lstm) {
                List<String> names = lstm.bidirectional()
                        ? List.of(lstm.name() + NetworkBuilder.FORWARD, lstm.name() + NetworkBuilder.BACKWARD) : List.of(lstm.name());
                for (String name : names) {
                    update(digest, columnMajor(parameters.get(name, "W"), 4 * lstm.units()));
                    update(digest, columnMajor(parameters.get(name, "RW"), 4 * lstm.units()));
                    update(digest, parameters.get(name, "b"));
                }
            } else if (layer instanceof LayerSpec.Dense dense) {
                update(digest, columnMajor(parameters.get(layer.name(), "W"), dense.units()));
                update(digest, parameters.get(layer.name(), "b"));
            }
        }
    }

    private static float[] columnMajor(float[] rowMajor, int columns) {
        int rows = rowMajor.length / columns;
        float[] transposed = new float[rowMajor.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                transposed[j * rows + i] = rowMajor[i * columns + j];
            }
        }
        return transposed;
    }

    private static void update(MessageDigest digest, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.BIG_ENDIAN);
        bytes.asFloatBuffer().put(values);
        digest.update(bytes.array());
    }
}
