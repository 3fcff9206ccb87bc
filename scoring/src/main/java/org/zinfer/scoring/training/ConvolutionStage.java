package org.zinfer.scoring.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.kernels.Mirror;
import org.zinfer.scoring.kernels.OrderedProduct;
import org.zinfer.scoring.kernels.SharedRows;
import org.zinfer.scoring.kernels.Sgemm;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.LayerSpec;

import java.util.Arrays;

/**
 * A Conv1D (stride 1) and the max pooling after it, forward and backward over a batch. Windows lie in
 * zero-padded blocks of 'span' rows, one after another, so that each kernel tap is one product over the whole
 * batch (as in {@link ConvLstmScorer}); rows past a window's output are computed and ignored. The first
 * layer, whose input needs no gradient and has few channels, instead lays each row's k input rows side by side
 * (k consecutive rows are contiguous) and takes one product with K = k × channels: k thin products over the
 * same output would each read and write all of it. Explanations, which need no parameter gradients, take their
 * own way through the layer: a forward pass that copies the rows overlapping windows share, and a backward pass
 * over only the rows that read the bases asked for.
 */
final class ConvolutionStage {
    private final ConvolutionBlocks.Block block;
    final int kernel;
    final int channels;
    final int filters;
    final int pool;
    private final int lead;
    private final Activation activation;
    private final boolean unfold;
    final Variable weights;
    final Variable bias;
    private final Mirror padded = new Mirror(1);
    private final Mirror unfolded = new Mirror(1);
    private final Mirror product = new Mirror(1);
    private final Mirror inputGradient = new Mirror(1);
    private final Mirror unfoldedGradient = new Mirror(1);
    /** An explanation's convolution rows before pooling, [batch][convolved length][filters]. */
    private float[] convolution = new float[1];
    private float[] preActivation = new float[1];
    private float[] output = new float[1];
    private float[] unpaddedInputGradient = new float[1];
    private int[] winner = new int[1];
    private int inputLength;
    private int batch;

    /** first: the network's input layer, whose input gradient only explanations need. */
    ConvolutionStage(ConvolutionBlocks.Block block, int channels, boolean first, ComputationGraph network) {
        LayerSpec.Conv1D spec = block.convolution();
        this.block = block;
        this.unfold = first;
        this.kernel = spec.kernel();
        this.channels = channels;
        this.filters = spec.filters();
        this.pool = block.pool();
        this.lead = block.leftPad();
        this.activation = spec.activation();
        this.weights = new Variable(network, spec.name(), "W");
        this.bias = new Variable(network, spec.name(), "b");
    }

    int outputLength(int inputLength) {
        return block.outputLength(inputLength);
    }

    /** Rows per window in the padded input: the input and its convolution padding. */
    private int span() {
        return block.leftPad() + inputLength + block.rightPad();
    }

    /** input [batch][inputLength][channels] → activated, pooled output [batch][pooled][filters]. */
    float[] forward(float[] input, int batch, int inputLength) {
        int span = pad(input, batch, inputLength);
        int pooled = outputLength(inputLength);
        int rows = batch * span - (kernel - 1);
        product.ensure((long) batch * span * filters);
        if (unfold) {
            int width = kernel * channels;
            unfolded.ensure((long) rows * width);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(padded.heap, r * channels, unfolded.heap, r * width, width);
            }
            unfolded.push(rows * width);
            Sgemm.multiply(rows, filters, width, unfolded.device, 0, width, weights.value.device, 0, filters, 0f, product.device, 0, filters);
        } else {
            padded.push(batch * span * channels);
            for (int j = 0; j < kernel; j++) {
                Sgemm.multiply(rows, filters, channels, padded.device, (long) j * channels, channels,
                        weights.value.device, (long) j * channels * filters, filters, j == 0 ? 0f : 1f, product.device, 0, filters);
            }
        }
        product.pull(rows * filters);
        grow(batch * pooled * filters);
        for (int n = 0; n < batch; n++) {
            pool(product.heap, n * span, n);
        }
        Derivatives.activate(activation, preActivation, output, batch * pooled * filters);
        return output;
    }

    /**
     * As {@link #forward}, for explanations: each window copies the convolution rows (before pooling) it shares
     * with an earlier window of the batch (shares[n], none where shares or shares[n] is null; see {@link
     * SharedRows#convolutionFields}) and computes the others, with its k input rows side by side, in one {@link
     * OrderedProduct} for the batch (whose rows do not depend on how many there are, as BLAS's do), so a row is the
     * same bits whether a window computed or copied it.
     */
    float[] forward(float[] input, int batch, int inputLength, SharedRows.Share[] shares) {
        int span = pad(input, batch, inputLength);
        int convolved = block.convolvedLength(inputLength);
        int width = kernel * channels;
        int rows = 0;
        for (int n = 0; n < batch; n++) {
            rows += computedRows(shares, n, convolved);
        }
        float[] x = unfolded.ensure((long) rows * width).heap;
        int[] row = {0};
        for (int n = 0; n < batch; n++) {
            int first = n * span;
            SharedRows.computed(shares == null ? null : shares[n], convolved, (from, to) -> {
                for (int r = from; r < to; r++) {
                    System.arraycopy(padded.heap, (first + r) * channels, x, row[0]++ * width, width);
                }
            });
        }
        float[] z = product.ensure((long) rows * filters).heap;
        OrderedProduct.multiply(rows, filters, width, x, 0, width, weights.values(), 0, filters, false, z, 0, filters);
        float[] all = convolution = grow(convolution, batch * convolved * filters);
        row[0] = 0;
        for (int n = 0; n < batch; n++) {
            SharedRows.Share share = shares == null ? null : shares[n];
            int at = n * convolved;
            SharedRows.computed(share, convolved, (from, to) -> {
                System.arraycopy(z, row[0] * filters, all, (at + from) * filters, (to - from) * filters);
                row[0] += to - from;
            });
            SharedRows.copied(share, (from, to) -> System.arraycopy(all, (share.source() * convolved + from + share.offset()) * filters,
                    all, (at + from) * filters, (to - from) * filters));
        }
        int pooled = outputLength(inputLength);
        grow(batch * pooled * filters);
        for (int n = 0; n < batch; n++) {
            pool(all, n * convolved, n);
        }
        Derivatives.activate(activation, preActivation, output, batch * pooled * filters);
        return output;
    }

    private static int computedRows(SharedRows.Share[] shares, int n, int rows) {
        int[] computed = {0};
        SharedRows.computed(shares == null ? null : shares[n], rows, (from, to) -> computed[0] += to - from);
        return computed[0];
    }

    /** Copies the windows into zero-padded blocks of span() rows (the heap side of 'padded'); returns span(). */
    private int pad(float[] input, int batch, int inputLength) {
        this.batch = batch;
        this.inputLength = inputLength;
        int span = span();
        padded.ensure((long) batch * span * channels);
        Arrays.fill(padded.heap, 0, batch * span * channels, 0f);
        for (int n = 0; n < batch; n++) {
            System.arraycopy(input, n * inputLength * channels, padded.heap, (n * span + lead) * channels, inputLength * channels);
        }
        return span;
    }

    private void grow(int size) {
        preActivation = grow(preActivation, size);
        output = grow(output, size);
        winner = winner.length < size ? new int[size] : winner;
    }

    /**
     * Window n's pooled rows: the max over each pool of its convolution rows (the first at row zRow of z), plus
     * bias; remembers which row of the pool won.
     */
    private void pool(float[] z, int zRow, int n) {
        int pooled = outputLength(inputLength);
        float[] b = bias.values();
        int lanes = Simd.SPECIES.length();
        int bound = Simd.SPECIES.loopBound(filters);
        for (int p = 0; p < pooled; p++) {
            int row = (zRow + p * pool) * filters;
            int at = (n * pooled + p) * filters;
            int f = 0;
            for (; f < bound; f += lanes) {
                FloatVector max = FloatVector.fromArray(Simd.SPECIES, z, row + f);
                IntVector best = IntVector.zero(Simd.INT_SPECIES);
                for (int q = 1; q < pool; q++) {
                    FloatVector value = FloatVector.fromArray(Simd.SPECIES, z, row + q * filters + f);
                    VectorMask<Float> greater = value.compare(VectorOperators.GT, max);
                    max = max.blend(value, greater);
                    best = best.blend(q, greater.cast(Simd.INT_SPECIES));
                }
                max.add(FloatVector.fromArray(Simd.SPECIES, b, f)).intoArray(preActivation, at + f);
                best.intoArray(winner, at + f);
            }
            for (; f < filters; f++) {
                int best = 0;
                float max = z[row + f];
                for (int q = 1; q < pool; q++) {
                    float value = z[row + q * filters + f];
                    best = value > max ? q : best;
                    max = Math.max(max, value);
                }
                preActivation[at + f] = max + b[f];
                winner[at + f] = best;
            }
        }
    }

    /**
     * Given the loss gradient for the last forward output, sets the weight and bias gradients and returns the
     * gradient for the input ([batch][inputLength][channels], in a buffer the next call reuses), or null when not
     * asked for.
     */
    float[] backward(float[] outputGradient, boolean wantInput) {
        int span = span();
        int pooled = outputLength(inputLength);
        int size = batch * pooled * filters;
        Derivatives.multiplyByDerivative(activation, preActivation, output, outputGradient, size);
        float[] db = bias.gradients();
        Arrays.fill(db, 0, filters, 0f);
        int rows = batch * span - (kernel - 1);
        float[] dz = product.heap;
        Arrays.fill(dz, 0, rows * filters, 0f);
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < pooled; p++) {
                int at = (n * pooled + p) * filters;
                int row = n * span + p * pool;
                for (int f = 0; f < filters; f++) {
                    float g = outputGradient[at + f];
                    db[f] += g;
                    dz[(row + winner[at + f]) * filters + f] = g;
                }
            }
        }
        product.push(rows * filters);
        weightGradients(rows);
        if (!wantInput) {
            return null;
        }
        float[] padded = inputGradientOfRows(rows, batch * span * channels);
        unpaddedInputGradient = grow(unpaddedInputGradient, batch * inputLength * channels);
        for (int n = 0; n < batch; n++) {
            System.arraycopy(padded, (n * span + lead) * channels, unpaddedInputGradient, n * inputLength * channels, inputLength * channels);
        }
        return unpaddedInputGradient;
    }

    /**
     * The gradient for the padded input rows, [total / channels][channels], from the product rows' gradient
     * (on the device side of 'product', rows of them).
     */
    private float[] inputGradientOfRows(int rows, int total) {
        inputGradient.ensure(total);
        Arrays.fill(inputGradient.heap, 0, total, 0f);
        if (unfold) {
            foldedInputGradient(rows);
        } else {
            inputGradient.push(total);
            for (int j = 0; j < kernel; j++) {
                Sgemm.multiply(false, true, rows, channels, filters, product.device, 0, filters,
                        weights.value.device, (long) j * channels * filters, filters, 1f, inputGradient.device, (long) j * channels, channels);
            }
            inputGradient.pull(total);
        }
        return inputGradient.heap;
    }

    /** The pooled outputs whose product rows read any of the inputs [from, to) (input positions, unpadded). */
    Span outputsReading(Span inputs) {
        int pooled = outputLength(inputLength);
        int from = Math.max(0, Math.floorDiv(inputs.from() + lead - (kernel - 1), pool));
        int to = Math.min(pooled, Math.floorDiv(inputs.to() - 1 + lead, pool) + 1);
        return new Span(Math.min(from, to), to);
    }

    /**
     * For explanations, after a forward pass: the gradient for input positions 'inputs' of each window,
     * [batch][inputs][channels], from the gradient for the pooled outputs that read them (as {@link
     * #outputsReading} gives), [batch][outputs][filters]. Only the product rows those outputs pooled are
     * backpropagated, each window's in a zero-padded block of its own as in the forward pass, so the work
     * shrinks with the stretch; for every input it gives what {@link #backward} gives.
     */
    float[] inputGradient(float[] outputGradient, Span outputs, Span inputs) {
        int pooled = outputLength(inputLength);
        int first = outputs.from() * pool;
        int block = Math.max(outputs.length() * pool + kernel - 1, inputs.to() + lead - first);
        int rows = batch * block - (kernel - 1);
        float[] dz = product.ensure((long) batch * block * filters).heap;
        Arrays.fill(dz, 0, batch * block * filters, 0f);
        for (int n = 0; n < batch; n++) {
            for (int p = outputs.from(); p < outputs.to(); p++) {
                int at = (n * pooled + p) * filters;
                int given = (n * outputs.length() + p - outputs.from()) * filters;
                int row = n * block + p * pool - first;
                for (int f = 0; f < filters; f++) {
                    dz[(row + winner[at + f]) * filters + f] = Derivatives.times(activation, preActivation[at + f], output[at + f], outputGradient[given + f]);
                }
            }
        }
        product.push(rows * filters);
        float[] padded = inputGradientOfRows(rows, batch * block * channels);
        float[] result = new float[batch * inputs.length() * channels];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(padded, (n * block + inputs.from() + lead - first) * channels, result, n * inputs.length() * channels,
                    inputs.length() * channels);
        }
        return result;
    }

    private void weightGradients(int rows) {
        if (unfold) {
            Sgemm.multiply(true, false, kernel * channels, filters, rows, unfolded.device, 0, kernel * channels,
                    product.device, 0, filters, 0f, weights.gradient.device, 0, filters);
        } else {
            for (int j = 0; j < kernel; j++) {
                Sgemm.multiply(true, false, channels, filters, rows, padded.device, (long) j * channels, channels,
                        product.device, 0, filters, 0f, weights.gradient.device, (long) j * channels * filters, filters);
            }
        }
        weights.gradient.pull(weights.size());
    }

    /**
     * The first layer's input gradient (asked for by explanations, never by training): one product gives the
     * gradient of each unfolded row, whose k input rows are then added back to where they were copied from.
     */
    private void foldedInputGradient(int rows) {
        int width = kernel * channels;
        unfoldedGradient.ensure((long) rows * width);
        Sgemm.multiply(false, true, rows, width, filters, product.device, 0, filters, weights.value.device, 0, filters,
                0f, unfoldedGradient.device, 0, width);
        float[] g = unfoldedGradient.pull(rows * width).heap;
        float[] input = inputGradient.heap;
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                input[r * channels + i] += g[r * width + i];
            }
        }
    }

    static float[] grow(float[] array, int size) {
        return array.length < size ? new float[size] : array;
    }
}
