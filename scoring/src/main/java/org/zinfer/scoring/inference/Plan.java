package org.zinfer.scoring.inference;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.kernels.SharedRows;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.model.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the fast engine computes for a network: one or more Conv1D layers on one-hot input, each optionally
 * followed by MaxPooling1D with stride equal to its size; then an LSTM or bidirectional LSTM (final state),
 * or a Flatten; then Dense layers. Dropout is skipped. Anything else is left to the reference path.
 */
final class Plan {
    final int windowLength;
    final List<Layers.Convolution> convolutions = new ArrayList<>();
    /** After each convolution: {lead, length, trail, width} of its output sequence. */
    final List<int[]> sequenceShapes = new ArrayList<>();
    /**
     * Where the rows a window may copy from an earlier one read ({@link SharedRows}): the first convolution's
     * pooled rows (computed together), each later convolution's rows before pooling (its products, which windows
     * share at the stride of the layer below: at step 50, every second window rather than every eighth), and the
     * last convolution's pooled rows, which the LSTM projects.
     */
    final List<SharedRows.Field> fields = new ArrayList<>();
    Layers.Lstm lstm;
    final List<Layers.Dense> dense = new ArrayList<>();

    private Plan(int windowLength) {
        this.windowLength = windowLength;
    }

    int outputs() {
        return dense.get(dense.size() - 1).units;
    }

    static Optional<Plan> of(Architecture architecture, Parameters network) {
        List<LayerSpec> layers = architecture.layers().stream().filter(l -> !(l instanceof LayerSpec.Dropout)).toList();
        if (architecture.channels() != OneHot.CHANNELS) {
            return Optional.empty();
        }
        Optional<ConvolutionBlocks> blocks = ConvolutionBlocks.read(layers);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        List<ConvolutionBlocks.Block> convs = blocks.get().blocks();
        int i = blocks.get().next();
        if (convs.isEmpty() || i >= layers.size()
                || !(layers.get(i) instanceof LayerSpec.Lstm || layers.get(i) instanceof LayerSpec.Flatten)) {
            return Optional.empty();
        }
        Plan plan = new Plan(architecture.windowLength());
        int length = architecture.windowLength();
        int channels = OneHot.CHANNELS;
        for (int c = 0; c < convs.size(); c++) {
            ConvolutionBlocks.Block block = convs.get(c);
            LayerSpec.Conv1D spec = block.convolution();
            int width = Simd.padded(spec.filters());
            plan.convolutions.add(new Layers.Convolution(block, channels, network.get(spec.name(), "W"),
                    network.get(spec.name(), "b"), width, c == 0));
            length = block.outputLength(length);
            channels = spec.filters();
            ConvolutionBlocks.Block next = c + 1 < convs.size() ? convs.get(c + 1) : null;
            plan.sequenceShapes.add(new int[] {next == null ? 0 : next.leftPad(), length, next == null ? 0 : next.rightPad(), width});
        }
        List<SharedRows.Field> pooled = SharedRows.fields(convs, plan.windowLength);
        plan.fields.add(pooled.get(0));
        plan.fields.addAll(SharedRows.convolutionFields(convs, plan.windowLength).subList(1, convs.size()));
        plan.fields.add(pooled.get(convs.size() - 1));
        int sequenceWidth = Simd.padded(channels);
        int features;
        List<int[]> rowMap; // for the first Dense: which DL4J input row feeds each engine input row (-1: zero)
        if (layers.get(i) instanceof LayerSpec.Lstm spec) {
            plan.lstm = lstm(spec, channels, network);
            features = plan.lstm.directions() * plan.lstm.slot();
            rowMap = List.of(lstmRows(plan.lstm));
        } else {
            features = length * sequenceWidth;
            rowMap = List.of(flattenRows(length, channels, sequenceWidth));
        }
        for (i++; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof LayerSpec.Dense spec)) {
                return Optional.empty();
            }
            float[] weights = network.get(spec.name(), "W");
            if (plan.dense.isEmpty()) {
                weights = remapRows(weights, rowMap.get(0), spec.units());
            }
            plan.dense.add(new Layers.Dense(features, spec.units(), spec.activation(), weights, network.get(spec.name(), "b")));
            features = spec.units();
        }
        return plan.dense.isEmpty() ? Optional.empty() : Optional.of(plan);
    }

    private static Layers.Lstm lstm(LayerSpec.Lstm spec, int channels, Parameters network) {
        int units = spec.units();
        List<String> names = spec.bidirectional()
                ? List.of(spec.name() + NetworkBuilder.FORWARD, spec.name() + NetworkBuilder.BACKWARD) : List.of(spec.name());
        int directions = names.size();
        float[] input = new float[channels * directions * 4 * units];
        float[][] recurrent = new float[directions][];
        float[][] bias = new float[directions][];
        for (int d = 0; d < directions; d++) {
            float[] w = network.get(names.get(d), "W");
            for (int r = 0; r < channels; r++) {
                System.arraycopy(w, r * 4 * units, input, (r * directions + d) * 4 * units, 4 * units);
            }
            recurrent[d] = network.get(names.get(d), "RW");
            bias[d] = java.util.Arrays.copyOf(network.get(names.get(d), "b"), 4 * units + Simd.SPECIES.length());
        }
        return new Layers.Lstm(channels, units, spec.bidirectional(), input, recurrent, bias);
    }

    /** Engine rows: per direction a slot of padded units; DL4J rows: per direction 'units' rows. */
    private static int[] lstmRows(Layers.Lstm lstm) {
        int[] map = new int[lstm.directions() * lstm.slot()];
        for (int d = 0; d < lstm.directions(); d++) {
            for (int s = 0; s < lstm.slot(); s++) {
                map[d * lstm.slot() + s] = s < lstm.units ? d * lstm.units + s : -1;
            }
        }
        return map;
    }

    /** Engine rows: (position, padded channel); DL4J's Flatten: (channel, position). */
    private static int[] flattenRows(int length, int channels, int width) {
        int[] map = new int[length * width];
        for (int t = 0; t < length; t++) {
            for (int c = 0; c < width; c++) {
                map[t * width + c] = c < channels ? c * length + t : -1;
            }
        }
        return map;
    }

    private static float[] remapRows(float[] weights, int[] map, int units) {
        float[] result = new float[map.length * units];
        for (int r = 0; r < map.length; r++) {
            if (map[r] >= 0) {
                System.arraycopy(weights, map[r] * units, result, r * units, units);
            }
        }
        return result;
    }
}
