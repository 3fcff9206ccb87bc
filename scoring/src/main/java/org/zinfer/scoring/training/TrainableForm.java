package org.zinfer.scoring.training;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network of the form zinfer's trainers take: conv (+ max pool) blocks on one-hot windows, a (Bi)LSTM returning
 * its final state, then Dense layers with Dropout only before them and a sigmoid output. Read from the architecture
 * alone (no ND4J), so that the CPU trainer and the device trainer see the same layers and variables.
 */
record TrainableForm(int windowLength, List<ConvolutionBlocks.Block> convolutions, LayerSpec.Lstm lstm, List<DenseLayer> dense) {

    /** A Dense layer and the dropout rate of its input while training (0: none). */
    record DenseLayer(LayerSpec.Dense spec, double dropout) {
    }

    /** The variables in the order both trainers keep them (and their optimizer state): layer name and DL4J key. */
    record VariableName(String layer, String key) {
        @Override
        public String toString() {
            return layer + "_" + key;
        }
    }

    static Optional<TrainableForm> of(Architecture architecture) {
        List<LayerSpec> layers = architecture.layers();
        Optional<ConvolutionBlocks> blocks = ConvolutionBlocks.read(layers);
        if (architecture.channels() != OneHot.CHANNELS || blocks.isEmpty() || blocks.get().blocks().isEmpty()) {
            return Optional.empty();
        }
        int i = blocks.get().next();
        if (i >= layers.size() || !(layers.get(i) instanceof LayerSpec.Lstm lstm)) {
            return Optional.empty();
        }
        List<DenseLayer> dense = new ArrayList<>();
        double dropout = 0;
        for (i++; i < layers.size(); i++) {
            if (layers.get(i) instanceof LayerSpec.Dropout d) {
                dropout = d.rate();
                continue;
            }
            if (!(layers.get(i) instanceof LayerSpec.Dense d) || d.activation().kind() == Activation.Kind.SOFTMAX) {
                return Optional.empty();
            }
            dense.add(new DenseLayer(d, dropout));
            dropout = 0;
        }
        if (dense.isEmpty() || dropout > 0 || dense.get(dense.size() - 1).spec().activation().kind() != Activation.Kind.SIGMOID) {
            return Optional.empty();
        }
        return Optional.of(new TrainableForm(architecture.windowLength(), blocks.get().blocks(), lstm, dense));
    }

    /** The LSTM's layer names: one, or the forward and backward halves of a bidirectional one. */
    List<String> lstmLayers() {
        return lstm.bidirectional() ? List.of(lstm.name() + NetworkBuilder.FORWARD, lstm.name() + NetworkBuilder.BACKWARD) : List.of(lstm.name());
    }

    List<VariableName> variables() {
        List<VariableName> names = new ArrayList<>();
        for (ConvolutionBlocks.Block block : convolutions) {
            names.add(new VariableName(block.convolution().name(), "W"));
            names.add(new VariableName(block.convolution().name(), "b"));
        }
        for (String layer : lstmLayers()) {
            names.add(new VariableName(layer, "W"));
            names.add(new VariableName(layer, "RW"));
            names.add(new VariableName(layer, "b"));
        }
        for (DenseLayer d : dense) {
            names.add(new VariableName(d.spec().name(), "W"));
            names.add(new VariableName(d.spec().name(), "b"));
        }
        return names;
    }

    int outputs() {
        return dense.get(dense.size() - 1).spec().units();
    }
}
