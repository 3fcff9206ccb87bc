package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;

/**
 * Binary cross-entropy and its gradient for conv (+ max pool) → (Bi)LSTM → Dense networks with sigmoid
 * outputs, computed with large BLAS products; the gradient is the one DL4J
 * computes for the same network (averaged over the batch), at several times DL4J's speed on CPU.
 */
final class ConvLstmBackprop {
    private final int windowLength;
    private final List<ConvolutionStage> convolutions;
    private final LstmStage lstm;
    private final List<DenseStage> dense;
    private float[] probabilities = new float[1];
    private float[] positionsFirst = new float[1];

    private ConvLstmBackprop(int windowLength, List<ConvolutionStage> convolutions, LstmStage lstm, List<DenseStage> dense) {
        this.windowLength = windowLength;
        this.convolutions = convolutions;
        this.lstm = lstm;
        this.dense = dense;
    }

    /**
     * The backpropagation for a network of this form (Dropout only between the LSTM and Dense layers), or
     * empty for any other. seed: for the dropout masks.
     */
    static Optional<ConvLstmBackprop> of(Architecture architecture, ComputationGraph network, long seed) {
        List<LayerSpec> layers = architecture.layers();
        if (architecture.channels() != OneHot.CHANNELS) {
            return Optional.empty();
        }
        Optional<ConvolutionBlocks> blocks = ConvolutionBlocks.read(layers);
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        List<ConvolutionStage> convolutions = new ArrayList<>();
        int channels = OneHot.CHANNELS;
        for (ConvolutionBlocks.Block block : blocks.get().blocks()) {
            convolutions.add(new ConvolutionStage(block, channels, convolutions.isEmpty(), network));
            channels = block.convolution().filters();
        }
        int i = blocks.get().next();
        if (convolutions.isEmpty() || i >= layers.size() || !(layers.get(i) instanceof LayerSpec.Lstm spec)) {
            return Optional.empty();
        }
        LstmStage lstm = new LstmStage(spec, channels, network);
        List<DenseStage> dense = new ArrayList<>();
        int features = lstm.features();
        double dropout = 0;
        SplittableRandom random = new SplittableRandom(seed);
        for (i++; i < layers.size(); i++) {
            if (layers.get(i) instanceof LayerSpec.Dropout d) {
                dropout = d.rate();
                continue;
            }
            if (!(layers.get(i) instanceof LayerSpec.Dense d) || d.activation().kind() == Activation.Kind.SOFTMAX) {
                return Optional.empty();
            }
            dense.add(new DenseStage(d, features, dropout, random, network));
            features = d.units();
            dropout = 0;
        }
        if (dense.isEmpty() || dropout > 0 || dense.get(dense.size() - 1).activation.kind() != Activation.Kind.SIGMOID) {
            return Optional.empty();
        }
        return Optional.of(new ConvLstmBackprop(architecture.windowLength(), convolutions, lstm, dense));
    }

    List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        for (ConvolutionStage conv : convolutions) {
            variables.add(conv.weights);
            variables.add(conv.bias);
        }
        variables.addAll(List.of(lstm.variables()));
        for (DenseStage d : dense) {
            variables.add(d.weights);
            variables.add(d.bias);
        }
        return variables;
    }

    int outputs() {
        return dense.get(dense.size() - 1).units;
    }

    /**
     * Output probabilities [batch][outputs] for one-hot windows given channels first, [batch][4][length], with
     * dropout, keeping what the backward pass needs. Scores outside training come from the inference engine.
     */
    private float[] forward(float[] channelsFirst, int batch, boolean training) {
        float[] x = positionsFirst(channelsFirst, batch);
        int length = windowLength;
        for (ConvolutionStage conv : convolutions) {
            x = conv.forward(x, batch, length);
            length = conv.outputLength(length);
        }
        x = lstm.forward(x, batch, length);
        for (DenseStage d : dense) {
            x = d.forward(x, batch, training);
        }
        probabilities = ConvolutionStage.grow(probabilities, batch * outputs());
        System.arraycopy(x, 0, probabilities, 0, batch * outputs());
        return probabilities;
    }

    /**
     * Forward and backward for one batch: leaves the gradient of the mean (over windows) of the summed (over
     * outputs) cross-entropy in the variables and returns that loss.
     */
    double gradient(float[] channelsFirst, float[] labels, int batch) {
        float[] p = forward(channelsFirst, batch, true);
        int size = batch * outputs();
        double loss = 0;
        float[] gradient = new float[size];
        for (int i = 0; i < size; i++) {
            double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
            loss -= labels[i] * Math.log(q) + (1 - labels[i]) * Math.log(1 - q);
            gradient[i] = (p[i] - labels[i]) / batch;
        }
        backward(gradient, true);
        return loss / batch;
    }

    /**
     * From the gradient of the output layer's pre-activation back through every stage, after a forward pass.
     * Training (parameters) needs no gradient for the network's input; explanations need nothing else.
     */
    private float[] backward(float[] gradient, boolean parameters) {
        for (int d = dense.size() - 1; d >= 0; d--) {
            gradient = dense.get(d).backward(gradient, d == dense.size() - 1, parameters);
        }
        gradient = lstm.backward(gradient, parameters);
        for (int c = convolutions.size() - 1; c >= 0; c--) {
            gradient = convolutions.get(c).backward(gradient, c > 0 || !parameters, parameters);
        }
        return gradient;
    }

    /**
     * Without dropout, the gradient of the given outputs' logits (the last layer's pre-activation) with respect to
     * each window's one-hot input: result[k] is output outputs[k]'s, [batch][length][4]. One forward pass serves
     * every output's backward pass (each backward reads what the forward kept and changes none of it); parameter
     * gradients are not computed.
     */
    float[][] inputGradients(float[] channelsFirst, int batch, int[] outputs) {
        forward(channelsFirst, batch, false);
        float[][] result = new float[outputs.length][];
        for (int k = 0; k < outputs.length; k++) {
            int output = outputs[k];
            result[k] = inputGradient(batch, n -> output);
        }
        return result;
    }

    /** The probabilities of the last forward pass, [batch][outputs] (a copy). */
    float[] probabilities(int batch) {
        return Arrays.copyOf(probabilities, batch * outputs());
    }

    /** As {@link #inputGradients}, with one output per window: window n's gradient is of output outputOf[n]'s logit. */
    float[] inputGradientsOfOwnOutputs(float[] channelsFirst, int batch, int[] outputOf) {
        forward(channelsFirst, batch, false);
        return inputGradient(batch, n -> outputOf[n]);
    }

    private float[] inputGradient(int batch, IntUnaryOperator outputOf) {
        float[] gradient = new float[batch * outputs()];
        for (int n = 0; n < batch; n++) {
            gradient[n * outputs() + outputOf.applyAsInt(n)] = 1f;
        }
        return Arrays.copyOf(backward(gradient, false), batch * windowLength * OneHot.CHANNELS);
    }

    private float[] positionsFirst(float[] channelsFirst, int batch) {
        int channels = OneHot.CHANNELS;
        float[] x = positionsFirst = ConvolutionStage.grow(positionsFirst, batch * windowLength * channels);
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int from = (n * channels + c) * windowLength;
                for (int t = 0; t < windowLength; t++) {
                    x[(n * windowLength + t) * channels + c] = channelsFirst[from + t];
                }
            }
        }
        return x;
    }
}
