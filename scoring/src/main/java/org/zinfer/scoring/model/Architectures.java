package org.zinfer.scoring.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The thesis' network designs by name, sizes adjustable, with K sigmoid outputs:
 * <ul>
 * <li>{@code cnn}: per conv layer Conv1D(same, ReLU) → MaxPool → Dropout; Flatten → Dense(ReLU) → Dropout → K
 * (thesis binary CNN: filters 16,24,32, kernels 10,10,8, dense 32, dropout 0.1);</li>
 * <li>{@code convrnn}: per conv layer Conv1D(same, ReLU) → MaxPool; BiLSTM → Dense(LeakyReLU 0.3) →
 * [Dropout] → K (thesis binary conv-RNN: 16,32 / k10,4 / LSTM 32 / dense 32 / dropout 0.1; thesis
 * 29-factor: 50,100 / k10,4 / LSTM 100 / dense 100 / no dropout).</li>
 * </ul>
 */
public final class Architectures {
    public static final String CNN = "cnn";
    public static final String CONVRNN = "convrnn";
    public static final String HEAD = "head";
    public static final String HEAD_DROPOUT = "head_dropout";

    private Architectures() {
    }

    /** Sizes of a design; lists run over the conv layers. */
    public record Sizes(List<Integer> filters, List<Integer> kernels, int pool, int lstmUnits, int denseUnits, double dropout) {
        public Sizes {
            if (filters.isEmpty() || filters.size() != kernels.size()) {
                throw new IllegalArgumentException("give as many kernel sizes as filter counts (got " + filters.size() + " and " + kernels.size() + ")");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must lie in [0, 1), got " + dropout);
            }
            filters = List.copyOf(filters);
            kernels = List.copyOf(kernels);
        }

        /** The thesis' sizes for a design and number of outputs (one: the binary models). */
        public static Sizes thesis(String design, int outputs) {
            if (design.equals(CNN)) {
                return new Sizes(List.of(16, 24, 32), List.of(10, 10, 8), 4, 0, 32, 0.1);
            }
            return outputs == 1 ? new Sizes(List.of(16, 32), List.of(10, 4), 4, 32, 32, 0.1)
                    : new Sizes(List.of(50, 100), List.of(10, 4), 4, 100, 100, 0);
        }
    }

    public static Architecture build(String design, Sizes sizes, int windowLength, int outputs) {
        String name = design.toLowerCase(Locale.ROOT);
        if (!name.equals(CNN) && !name.equals(CONVRNN)) {
            throw new IllegalArgumentException("unknown architecture '" + design + "'; choose " + CNN + " or " + CONVRNN);
        }
        boolean cnn = name.equals(CNN);
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < sizes.filters().size(); i++) {
            layers.add(new LayerSpec.Conv1D("conv" + (i + 1), sizes.filters().get(i), sizes.kernels().get(i), true, Activation.RELU));
            layers.add(new LayerSpec.MaxPool1D("pool" + (i + 1), sizes.pool(), sizes.pool()));
            if (cnn && sizes.dropout() > 0) {
                layers.add(new LayerSpec.Dropout("dropout" + (i + 1), sizes.dropout()));
            }
        }
        if (cnn) {
            layers.add(new LayerSpec.Flatten("flatten"));
            layers.add(new LayerSpec.Dense("dense", sizes.denseUnits(), Activation.RELU));
        } else {
            layers.add(new LayerSpec.Lstm("bilstm", sizes.lstmUnits(), true));
            layers.add(new LayerSpec.Dense("dense", sizes.denseUnits(), Activation.leakyRelu(0.3)));
        }
        return withHead(new Architecture(windowLength, 4, layers), outputs, sizes.dropout());
    }

    /** Adds [Dropout] → Dense(outputs, sigmoid) named {@value #HEAD} on top of a trunk. */
    public static Architecture withHead(Architecture trunk, int outputs, double dropout) {
        List<LayerSpec> layers = new ArrayList<>(trunk.layers());
        if (dropout > 0) {
            layers.add(new LayerSpec.Dropout(HEAD_DROPOUT, dropout));
        }
        layers.add(new LayerSpec.Dense(HEAD, outputs, Activation.SIGMOID));
        return new Architecture(trunk.windowLength(), trunk.channels(), layers);
    }

    /**
     * The same layers over windows of another length, when no layer's weights depend on the length (no
     * Flatten: convolutions, pooling and an LSTM read any length); empty otherwise.
     */
    public static Optional<Architecture> resized(Architecture architecture, int windowLength) {
        if (architecture.layers().stream().anyMatch(l -> l instanceof LayerSpec.Flatten)) {
            return Optional.empty();
        }
        return Optional.of(new Architecture(windowLength, architecture.channels(), architecture.layers()));
    }

    /** Everything below the output layer (the last Dense) and any Dropout just before it. */
    public static Architecture trunk(Architecture architecture) {
        List<LayerSpec> layers = new ArrayList<>(architecture.layers());
        int last = layers.size() - 1;
        while (last >= 0 && !(layers.get(last) instanceof LayerSpec.Dense)) {
            last--;
        }
        last--;
        while (last >= 0 && layers.get(last) instanceof LayerSpec.Dropout) {
            last--;
        }
        if (last < 0) {
            throw new IllegalArgumentException("the network has no layers below its output layer");
        }
        return new Architecture(architecture.windowLength(), architecture.channels(), layers.subList(0, last + 1));
    }
}
