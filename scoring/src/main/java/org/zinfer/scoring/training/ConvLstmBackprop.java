package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.kernels.SharedRows;
import org.zinfer.scoring.model.Architecture;

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
    private final List<SharedRows.Field> fields;
    private float[] probabilities = new float[1];
    private float[] positionsFirst = new float[1];

    /**
     * The backpropagation for a network of this form (Dropout only between the LSTM and Dense layers), or
     * empty for any other. seed: for the dropout masks.
     */
    static Optional<ConvLstmBackprop> of(Architecture architecture, ComputationGraph network, long seed) {
        return TrainableForm.of(architecture).map(form -> new ConvLstmBackprop(form, network, seed));
    }

    private ConvLstmBackprop(TrainableForm form, ComputationGraph network, long seed) {
        this.windowLength = form.windowLength();
        this.fields = SharedRows.convolutionFields(form.convolutions(), windowLength);
        this.convolutions = new ArrayList<>();
        int channels = OneHot.CHANNELS;
        for (ConvolutionBlocks.Block block : form.convolutions()) {
            convolutions.add(new ConvolutionStage(block, channels, convolutions.isEmpty(), network));
            channels = block.convolution().filters();
        }
        this.lstm = new LstmStage(form.lstm(), channels, network);
        this.dense = new ArrayList<>();
        int features = lstm.features();
        SplittableRandom random = new SplittableRandom(seed);
        for (TrainableForm.DenseLayer d : form.dense()) {
            dense.add(new DenseStage(d.spec(), features, d.dropout(), random, network));
            features = d.spec().units();
        }
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
     * dropout, keeping what the backward pass needs; shares: for explanations, the convolution rows each window
     * copies (see {@link ConvolutionStage#forward(float[], int, int, SharedRows.Share[])}), null for training.
     * Scores outside training come from the inference engine.
     */
    private float[] forward(float[] channelsFirst, int batch, boolean training, SharedRows.Share[][] shares) {
        float[] x = positionsFirst(channelsFirst, batch);
        int length = windowLength;
        for (int c = 0; c < convolutions.size(); c++) {
            ConvolutionStage conv = convolutions.get(c);
            x = shares == null ? conv.forward(x, batch, length) : conv.forward(x, batch, length, shares[c]);
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

    /** The convolution rows windows of a batch of channel codes may copy from each other (see {@link SharedRows}). */
    SharedRows.Share[][] shares(byte[] channels, int batch) {
        return SharedRows.find(fields, channels, 0, batch, windowLength);
    }

    /**
     * Forward and backward for one batch: leaves the gradient of the mean (over windows) of the summed (over
     * outputs) cross-entropy in the variables and returns that loss.
     */
    double gradient(float[] channelsFirst, float[] labels, int batch) {
        float[] p = forward(channelsFirst, batch, true, null);
        float[] gradient = new float[batch * outputs()];
        double loss = HostSteps.crossEntropy(p, labels, batch, batch * outputs(), gradient);
        backward(gradient);
        return loss;
    }

    /** From the gradient of the output layer's pre-activation back through every stage, setting the parameters' gradients. */
    private void backward(float[] gradient) {
        for (int d = dense.size() - 1; d >= 0; d--) {
            gradient = dense.get(d).backward(gradient, d == dense.size() - 1, true);
        }
        gradient = lstm.backward(gradient);
        for (int c = convolutions.size() - 1; c >= 0; c--) {
            gradient = convolutions.get(c).backward(gradient, c > 0);
        }
    }

    /**
     * Without dropout, the gradient of the given outputs' logits (the last layer's pre-activation) with respect to
     * each window's one-hot input at the bases asked for: result[k] is output outputs[k]'s, [batch][length][4],
     * zero outside those bases. One forward pass serves every output's backward pass (each backward reads what
     * the forward kept and changes none of it); parameter gradients are not computed. shares: as {@link #shares}
     * gives for the batch (every row is computed where a layer's or window's share is null).
     */
    float[][] inputGradients(float[] channelsFirst, SharedRows.Share[][] shares, int batch, int[] outputs, Span bases) {
        forward(channelsFirst, batch, false, shares);
        float[][] result = new float[outputs.length][];
        for (int k = 0; k < outputs.length; k++) {
            int output = outputs[k];
            result[k] = inputGradient(batch, n -> output, bases);
        }
        return result;
    }

    /** The probabilities of the last forward pass, [batch][outputs] (a copy). */
    float[] probabilities(int batch) {
        return Arrays.copyOf(probabilities, batch * outputs());
    }

    /** As {@link #inputGradients}, for every base, with one output per window: window n's gradient is of output outputOf[n]'s logit. */
    float[] inputGradientsOfOwnOutputs(float[] channelsFirst, int batch, int[] outputOf) {
        forward(channelsFirst, batch, false, null);
        return inputGradient(batch, n -> outputOf[n], Span.whole(windowLength));
    }

    /**
     * Back from each window's chosen logit to the bases asked for: each stage backpropagates only what reads
     * those bases (the LSTM goes back through time only as far as their earliest step in each direction), so a
     * short stretch costs a fraction of a whole window.
     */
    private float[] inputGradient(int batch, IntUnaryOperator outputOf, Span bases) {
        float[] gradient = new float[batch * outputs()];
        for (int n = 0; n < batch; n++) {
            gradient[n * outputs() + outputOf.applyAsInt(n)] = 1f;
        }
        for (int d = dense.size() - 1; d >= 0; d--) {
            gradient = dense.get(d).backward(gradient, d == dense.size() - 1, false);
        }
        Span[] inputs = new Span[convolutions.size() + 1];
        inputs[0] = bases;
        for (int c = 0; c < convolutions.size(); c++) {
            inputs[c + 1] = convolutions.get(c).outputsReading(inputs[c]);
        }
        gradient = lstm.inputGradient(gradient, inputs[convolutions.size()]);
        for (int c = convolutions.size() - 1; c >= 0; c--) {
            gradient = convolutions.get(c).inputGradient(gradient, inputs[c + 1], inputs[c]);
        }
        int channels = OneHot.CHANNELS;
        float[] result = new float[batch * windowLength * channels];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(gradient, n * bases.length() * channels, result, (n * windowLength + bases.from()) * channels, bases.length() * channels);
        }
        return result;
    }

    private float[] positionsFirst(float[] channelsFirst, int batch) {
        positionsFirst = ConvolutionStage.grow(positionsFirst, batch * windowLength * OneHot.CHANNELS);
        return HostSteps.positionsFirst(channelsFirst, batch, windowLength, positionsFirst);
    }
}
