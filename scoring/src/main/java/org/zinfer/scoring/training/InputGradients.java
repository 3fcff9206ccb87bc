package org.zinfer.scoring.training;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.kernels.Sgemm;
import org.zinfer.scoring.model.FactorModel;

import java.util.Optional;

/**
 * The gradient of each factor's logit with respect to a window's one-hot input, by the trainer's backward pass
 * (the same arithmetic that trains the network): what gradient × input contributions are made of.
 */
public final class InputGradients {
    private final ConvLstmBackprop backprop;
    private final int length;
    private final int threads;
    private float[] channelsFirst = new float[1];

    private InputGradients(ConvLstmBackprop backprop, int length, int threads) {
        this.backprop = backprop;
        this.length = length;
        this.threads = threads;
    }

    /** For conv → (Bi)LSTM → Dense networks with sigmoid outputs (the trainer's kind); empty for others. */
    public static Optional<InputGradients> of(FactorModel model, int threads) {
        return ConvLstmBackprop.of(model.metadata().architecture(), model.network(), 0)
                .map(b -> new InputGradients(b, model.windowLength(), threads));
    }

    public int outputs() {
        return backprop.outputs();
    }

    /**
     * gradients[k]: of output outputs[k]'s logit, [count][length][4], set at the bases asked for (zero elsewhere);
     * probabilities: every output's, [count][outputs].
     */
    public record Result(float[][] gradients, float[] probabilities) {
    }

    /**
     * For count windows of channel codes ([count][length], as the scoring engine gives them), at the bases of each,
     * taken at scale times the one-hot input (1: the window itself; less: a point on the way from the all-N window,
     * for integrated gradients).
     */
    public Result of(byte[] channels, int count, int[] outputs, Span bases, float scale) {
        float[] x = encode(channels, count);
        if (scale != 1) {
            for (int i = 0; i < count * OneHot.CHANNELS * length; i++) {
                x[i] *= scale;
            }
        }
        Sgemm.threads(threads);
        float[][] gradients = backprop.inputGradients(x, backprop.shares(channels, count), count, outputs, bases);
        return new Result(gradients, backprop.probabilities(count));
    }

    /**
     * For count inputs given channel-major ([count][4][length], any values: a one-hot window or a distribution over
     * bases at each position), the gradient of output outputOf[n]'s logit for input n, [count][length][4].
     */
    public float[] ofOwnOutputs(float[] channelsFirst, int count, int[] outputOf) {
        Sgemm.threads(threads);
        return backprop.inputGradientsOfOwnOutputs(channelsFirst, count, outputOf);
    }

    private float[] encode(byte[] channels, int count) {
        channelsFirst = ConvolutionStage.grow(channelsFirst, count * OneHot.CHANNELS * length);
        for (int n = 0; n < count; n++) {
            OneHot.encodeChannels(channels, n * length, length, channelsFirst, n * OneHot.CHANNELS * length);
        }
        return channelsFirst;
    }
}
