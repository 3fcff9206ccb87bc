package org.zinfer.scoring.inference;

import jdk.incubator.vector.FloatVector;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.kernels.LstmCell;
import org.zinfer.scoring.kernels.OrderedProduct;
import org.zinfer.scoring.kernels.SharedRows;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.Parameters;

import java.util.Arrays;
import java.util.Optional;

/**
 * A CPU forward pass for the conv + (Bi)LSTM family and plain CNNs that computes what the DL4J network
 * computes (to about 1e-6: summation order differs) with few, large matrix products and SIMD arithmetic.
 * Every step is exactly rounded and in a fixed order ({@link OrderedProduct}, {@link Simd#exp}), so a
 * window's score is the same bits whatever batch, thread, chunk, JIT tier or CPU computed it:
 * <ul>
 * <li>the first convolution reads channel codes: with one-hot input each output is a sum of k weight rows;</li>
 * <li>later convolutions are k shifted products over the whole batch, windows lying in zero-padded blocks;</li>
 * <li>max pooling comes before bias and activation (both monotone, so the result is the same);</li>
 * <li>the LSTM input projections of all steps and both directions are one product; each step is then one
 *     product per direction and vectorised gate arithmetic (SIMD exp and tanh);</li>
 * <li>buffers belong to a worker thread and are reused.</li>
 * </ul>
 * See {@link Plan} for what it accepts.
 */
public final class ConvLstmScorer implements WindowScorer {
    private final Plan plan;
    private final int threads;
    private final int batchSize;
    private final ThreadLocal<Workspace> workspaces;

    private ConvLstmScorer(Plan plan, int threads, int batchSize) {
        this.plan = plan;
        this.threads = threads;
        this.batchSize = batchSize;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(plan));
    }

    /** The fast scorer for a model, or empty when its layers or the JVM (which must have jdk.incubator.vector) are outside what it handles. */
    public static Optional<WindowScorer> forModel(FactorModel model, int threads, int batchSize) {
        return forParameters(model.metadata().architecture(), model.parameters(), threads, batchSize);
    }

    /**
     * The fast scorer computing an architecture with the parameters of the network's layers of the same
     * names; the architecture may stop below the network's output (e.g. a trunk's features).
     */
    public static Optional<WindowScorer> forNetwork(Architecture architecture, ComputationGraph network, int threads, int batchSize) {
        return forParameters(architecture, Parameters.of(network), threads, batchSize);
    }

    private static Optional<WindowScorer> forParameters(Architecture architecture, Parameters parameters, int threads, int batchSize) {
        if (!Simd.available()) {
            return Optional.empty();
        }
        return Plan.of(architecture, parameters).map(plan -> new ConvLstmScorer(plan, threads, batchSize));
    }

    @Override
    public int outputs() {
        return plan.outputs();
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return "zinfer CPU engine";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public String describe() {
        return "zinfer CPU engine (" + Simd.SPECIES.vectorBitSize() + "-bit SIMD), " + threads + " worker thread(s)";
    }

    /** Scores windows in blocks of at most batchSize (the size of each worker's buffers). */
    @Override
    public float[] score(byte[] channels, int count) {
        float[] scores = new float[count * plan.outputs()];
        for (int from = 0; from < count; from += batchSize) {
            int block = Math.min(count - from, batchSize);
            float[] blockScores = scoreBlock(channels, from, block);
            System.arraycopy(blockScores, 0, scores, from * plan.outputs(), block * plan.outputs());
        }
        return scores;
    }

    /** Windows [first, first + batch) of channels. */
    private float[] scoreBlock(byte[] channels, int first, int batch) {
        Workspace workspace = workspaces.get();
        workspace.ensure(batch);
        SharedRows.Share[][] shares = SharedRows.find(plan.fields, channels, first, batch, plan.windowLength);
        Layers.Sequence sequence = firstConvolution(channels, first, batch, workspace, shares[0]);
        for (int i = 1; i < plan.convolutions.size(); i++) {
            sequence = convolution(plan.convolutions.get(i), sequence, workspace.convolutionOutputs.get(i), workspace.sequences.get(i),
                    batch, shares[i]);
        }
        Layers.Matrix features = plan.lstm != null ? lstm(plan.lstm, sequence, workspace, batch, shares[shares.length - 1])
                : sequence.flattened();
        for (int i = 0; i < plan.dense.size(); i++) {
            features = dense(plan.dense.get(i), features, workspace.denseOutputs.get(i), batch);
        }
        return Arrays.copyOf(features.data(), batch * plan.outputs());
    }

    /**
     * Conv 0 on channel codes: sums of weight rows, max-pooled, biased, activated; one window at a time, each
     * copying the rows it shares with an earlier window.
     */
    private Layers.Sequence firstConvolution(byte[] channels, int first, int batch, Workspace workspace, SharedRows.Share[] shares) {
        Layers.Convolution conv = plan.convolutions.get(0);
        Layers.Sequence out = workspace.sequences.get(0);
        int length = plan.windowLength;
        int width = out.width();
        int pooled = conv.block.outputLength(length);
        int[] rowOf = workspace.codes;
        for (int n = 0; n < batch; n++) {
            int start = (first + n) * length;
            for (int p = 0; p < length; p++) {
                rowOf[conv.block.leftPad() + p] = (channels[start + p] + 1) * width;
            }
            SharedRows.Share share = shares == null ? null : shares[n];
            int window = n;
            SharedRows.computed(share, pooled, (from, to) -> firstRows(conv, rowOf, from, to, out.data(), out.rowOffset(window, 0), width));
            SharedRows.copied(share, (from, to) ->
                    copyRows(out.data(), out.rowOffset(share.source(), from + share.offset()), out.rowOffset(window, from), (to - from) * width));
        }
        return out;
    }

    /** Pooled rows [from, to) of the first convolution into rows, whose row 0 starts at offset first. */
    private static void firstRows(Layers.Convolution conv, int[] rowOf, int from, int to, float[] rows, int first, int width) {
        int lanes = Simd.SPECIES.length();
        for (int p = from; p < to; p++) {
            for (int v = 0; v < width; v += lanes) {
                FloatVector max = lookupSum(conv, rowOf, p * conv.pool, v);
                for (int q = 1; q < conv.pool; q++) {
                    max = max.max(lookupSum(conv, rowOf, p * conv.pool + q, v));
                }
                Simd.activate(conv.activation, max.add(FloatVector.fromArray(Simd.SPECIES, conv.bias, v)))
                        .intoArray(rows, first + p * width + v);
            }
        }
    }

    /** Lanes [v, v + 8) of the first convolution at position t: one weight row per kernel tap, by base. */
    private static FloatVector lookupSum(Layers.Convolution conv, int[] rowOf, int t, int v) {
        float[] table = conv.lookup;
        int tap = Layers.Convolution.LOOKUP_ROWS * conv.lookupWidth;
        FloatVector sum = FloatVector.fromArray(Simd.SPECIES, table, rowOf[t] + v);
        for (int j = 1; j < conv.kernel; j++) {
            sum = sum.add(FloatVector.fromArray(Simd.SPECIES, table, j * tap + rowOf[t + j] + v));
        }
        return sum;
    }

    /**
     * A later convolution: kernel shifted products over the padded blocks of the windows, then pooling. With
     * shares, each window's products cover only the product rows it does not copy.
     */
    private static Layers.Sequence convolution(Layers.Convolution conv, Layers.Sequence in, float[] product, Layers.Sequence out,
                                               int batch, SharedRows.Share[] shares) {
        int width = out.width();
        if (shares == null) {
            products(conv, in, product, width, 0, batch * in.stride() - (conv.kernel - 1));
        } else {
            int convolved = conv.block.convolvedLength(in.length());
            for (int n = 0; n < batch; n++) {
                SharedRows.Share share = shares[n];
                int firstRow = n * in.stride();
                SharedRows.computed(share, convolved, (from, to) -> products(conv, in, product, width, firstRow + from, to - from));
                SharedRows.copied(share, (from, to) -> copyRows(product, (share.source() * in.stride() + from + share.offset()) * width,
                        (firstRow + from) * width, (to - from) * width));
            }
        }
        for (int n = 0; n < batch; n++) {
            pool(conv, in, product, out, n);
        }
        return out;
    }

    /** Product rows [firstRow, firstRow + rows) of width floats: each reads kernel consecutive rows of the padded input blocks. */
    private static void products(Layers.Convolution conv, Layers.Sequence in, float[] product, int width, int firstRow, int rows) {
        if (rows <= 0) {
            return;
        }
        for (int j = 0; j < conv.kernel; j++) {
            OrderedProduct.multiply(rows, width, conv.channels, in.data(), (firstRow + j) * in.width(), in.width(),
                    conv.weights, j * conv.channels * width, width, j > 0, product, firstRow * width, width);
        }
    }

    /** The pooled rows of window n: max over the pool's product rows, then bias and activation. */
    private static void pool(Layers.Convolution conv, Layers.Sequence in, float[] product, Layers.Sequence out, int n) {
        float[] target = out.data();
        int width = out.width();
        int lanes = Simd.SPECIES.length();
        for (int p = 0; p < out.length(); p++) {
            int row = n * in.stride() + p * conv.pool;
            int targetRow = out.rowOffset(n, p);
            for (int v = 0; v < width; v += lanes) {
                FloatVector max = FloatVector.fromArray(Simd.SPECIES, product, row * width + v);
                for (int q = 1; q < conv.pool; q++) {
                    max = max.max(FloatVector.fromArray(Simd.SPECIES, product, (row + q) * width + v));
                }
                Simd.activate(conv.activation, max.add(FloatVector.fromArray(Simd.SPECIES, conv.bias, v)))
                        .intoArray(target, targetRow + v);
            }
        }
    }

    /** count floats from offset from to offset to of the same buffer (the ranges do not overlap). */
    private static void copyRows(float[] data, int from, int to, int count) {
        System.arraycopy(data, from, data, to, count);
    }

    /**
     * The LSTM over all windows: one product for the input projections of every step and direction, then per
     * step one product per direction and the gates. Gate blocks are in DL4J's order (cell input, forget,
     * output, input): c = sigmoid(f) c + sigmoid(i) tanh(g), h = sigmoid(o) tanh(c).
     */
    private static Layers.Matrix lstm(Layers.Lstm lstm, Layers.Sequence in, Workspace workspace, int batch, SharedRows.Share[] shares) {
        int steps = in.length();
        int gates = 4 * lstm.units;
        int projectionWidth = lstm.directions() * gates;
        float[] projection = workspace.projection;
        if (shares == null) {
            projections(lstm, in, projection, 0, batch * steps);
        } else {
            for (int n = 0; n < batch; n++) {
                SharedRows.Share share = shares[n];
                int firstRow = n * steps;
                SharedRows.computed(share, steps, (from, to) -> projections(lstm, in, projection, firstRow + from, to - from));
                SharedRows.copied(share, (from, to) -> copyRows(projection, (share.source() * steps + from + share.offset()) * projectionWidth,
                        (firstRow + from) * projectionWidth, (to - from) * projectionWidth));
            }
        }
        float[] hidden = workspace.hidden;
        int slot = lstm.slot();
        int hiddenWidth = lstm.directions() * slot;
        float[] cells = workspace.cells;
        Arrays.fill(cells, 0f);
        for (int t = 0; t < steps; t++) {
            for (int d = 0; d < lstm.directions(); d++) {
                int time = d == 0 ? t : steps - 1 - t;
                int zOffset = time * projectionWidth + d * gates;
                if (t > 0) {
                    OrderedProduct.multiply(batch, gates, lstm.units, hidden, d * slot, hiddenWidth,
                            lstm.recurrentWeights[d], 0, gates, true, projection, zOffset, steps * projectionWidth);
                }
                for (int n = 0; n < batch; n++) {
                    step(lstm, projection, n * steps * projectionWidth + zOffset, lstm.bias[d], workspace.gates, cells,
                            (n * lstm.directions() + d) * slot, hidden, n * hiddenWidth + d * slot);
                }
            }
        }
        return new Layers.Matrix(hidden, hiddenWidth);
    }

    /** The input projections of rows [firstRow, firstRow + rows) (window n's step t is row n steps + t), both directions. */
    private static void projections(Layers.Lstm lstm, Layers.Sequence in, float[] projection, int firstRow, int rows) {
        if (rows > 0) {
            int projectionWidth = lstm.directions() * 4 * lstm.units;
            OrderedProduct.multiply(rows, projectionWidth, lstm.channels, in.data(), firstRow * in.width(), in.width(),
                    lstm.inputWeights, 0, projectionWidth, false, projection, firstRow * projectionWidth, projectionWidth);
        }
    }

    /**
     * One LSTM step of one window and direction: the four gate blocks into a heap scratch row, then the new
     * cell and h = o tanh(c). The cell's tanh is a fifth block of the same activation (scale 2, shift 1), so the
     * step has one exp: with a second one C2 reached its node cutoff, left tanh out of line and boxed every vector
     * it passed (13 of the 18 GB a scan of 40,000 windows allocated).
     */
    private static void step(Layers.Lstm lstm, float[] z, int zOffset, float[] bias, float[] gates, float[] cells, int cellOffset,
                             float[] h, int hOffset) {
        int units = lstm.units;
        int slot = lstm.slot();
        for (int block = 0; block < LstmCell.BLOCKS; block++) {
            for (int i = 0; i < units; i += Simd.SPECIES.length()) {
                int at = block * slot + i;
                FloatVector x = block < 4 ? preActivation(z, zOffset, bias, block * units + i) : newCell(gates, slot, i, cells, cellOffset + i);
                FloatVector activated = LstmCell.activate(x, FloatVector.fromArray(Simd.SPECIES, lstm.gateScale, at),
                        FloatVector.fromArray(Simd.SPECIES, lstm.gateShift, at));
                if (block < 4) {
                    activated.intoArray(gates, at);
                } else {
                    LstmCell.hidden(FloatVector.fromArray(Simd.SPECIES, gates, 2 * slot + i), activated).intoArray(h, hOffset + i);
                }
            }
        }
    }

    /** Lanes [i, i + lanes) of the new cell state f c' + i g, stored over c'. */
    private static FloatVector newCell(float[] gates, int slot, int i, float[] cells, int at) {
        FloatVector c = LstmCell.cell(FloatVector.fromArray(Simd.SPECIES, gates, i), FloatVector.fromArray(Simd.SPECIES, gates, slot + i),
                FloatVector.fromArray(Simd.SPECIES, gates, 3 * slot + i), FloatVector.fromArray(Simd.SPECIES, cells, at));
        c.intoArray(cells, at);
        return c;
    }

    private static FloatVector preActivation(float[] z, int zOffset, float[] bias, int index) {
        return FloatVector.fromArray(Simd.SPECIES, z, zOffset + index).add(FloatVector.fromArray(Simd.SPECIES, bias, index));
    }

    private static Layers.Matrix dense(Layers.Dense dense, Layers.Matrix in, float[] out, int batch) {
        OrderedProduct.multiply(batch, dense.units, dense.inputs, in.data(), 0, in.width(), dense.weights, 0, dense.units, false, out, 0, dense.units);
        for (int n = 0; n < batch; n++) {
            if (dense.activation.kind() == Activation.Kind.SOFTMAX) {
                softmax(out, n * dense.units, dense);
                continue;
            }
            for (int u = 0; u < dense.units; u++) {
                int at = n * dense.units + u;
                out[at] = Simd.activate(dense.activation, out[at] + dense.bias[u]);
            }
        }
        return new Layers.Matrix(out, dense.units);
    }

    private static void softmax(float[] values, int row, Layers.Dense dense) {
        double max = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < dense.units; u++) {
            max = Math.max(max, values[row + u] + dense.bias[u]);
        }
        double sum = 0;
        for (int u = 0; u < dense.units; u++) {
            sum += Math.exp(values[row + u] + dense.bias[u] - max);
        }
        for (int u = 0; u < dense.units; u++) {
            values[row + u] = (float) (Math.exp(values[row + u] + dense.bias[u] - max) / sum);
        }
    }
}
