package org.zinfer.scoring.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.kernels.Mirror;
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
 * same output would each read and write all of it.
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
        this.batch = batch;
        this.inputLength = inputLength;
        int span = span();
        int pooled = outputLength(inputLength);
        padded.ensure((long) batch * span * channels);
        Arrays.fill(padded.heap, 0, batch * span * channels, 0f);
        for (int n = 0; n < batch; n++) {
            System.arraycopy(input, n * inputLength * channels, padded.heap, (n * span + lead) * channels, inputLength * channels);
        }
        padded.push(batch * span * channels);
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
            for (int j = 0; j < kernel; j++) {
                Sgemm.multiply(rows, filters, channels, padded.device, (long) j * channels, channels,
                        weights.value.device, (long) j * channels * filters, filters, j == 0 ? 0f : 1f, product.device, 0, filters);
            }
        }
        product.pull(rows * filters);
        int size = batch * pooled * filters;
        preActivation = grow(preActivation, size);
        output = grow(output, size);
        winner = winner.length < size ? new int[size] : winner;
        pool(product.heap, span, pooled);
        Derivatives.activate(activation, preActivation, output, size);
        return output;
    }

    /** Max over each pool of the product rows, plus bias; remembers which row of the pool won. */
    private void pool(float[] z, int span, int pooled) {
        float[] b = bias.values();
        int lanes = Simd.SPECIES.length();
        int bound = Simd.SPECIES.loopBound(filters);
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < pooled; p++) {
                int row = (n * span + p * pool) * filters;
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
    }

    /**
     * Given the loss gradient for the last forward output, sets the weight and bias gradients when asked to and
     * returns the gradient for the input ([batch][inputLength][channels], in a buffer the next call reuses), or
     * null when not asked for.
     */
    float[] backward(float[] outputGradient, boolean wantInput, boolean parameters) {
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
        if (parameters) {
            weightGradients(rows);
        }
        if (!wantInput) {
            return null;
        }
        int total = batch * span * channels;
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
        unpaddedInputGradient = grow(unpaddedInputGradient, batch * inputLength * channels);
        for (int n = 0; n < batch; n++) {
            System.arraycopy(inputGradient.heap, (n * span + lead) * channels, unpaddedInputGradient, n * inputLength * channels, inputLength * channels);
        }
        return unpaddedInputGradient;
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
