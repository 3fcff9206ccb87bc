package org.zinfer.scoring.training;

import org.zinfer.formats.encoding.OneHot;

import java.util.SplittableRandom;

/** What both trainers do to a batch on the host: its windows laid out positions first, dropout masks, the loss and its gradient. */
final class HostSteps {
    private HostSteps() {
    }

    /**
     * The mean over windows of the summed cross-entropy of size probabilities against their labels, and into gradient
     * its gradient with respect to the sigmoid output layer's pre-activation, (p - label) / batch.
     */
    static double crossEntropy(float[] p, float[] labels, int batch, int size, float[] gradient) {
        double loss = 0;
        for (int i = 0; i < size; i++) {
            double q = Math.min(Math.max(p[i], 1e-7), 1 - 1e-7);
            loss -= labels[i] * Math.log(q) + (1 - labels[i]) * Math.log(1 - q);
            gradient[i] = (p[i] - labels[i]) / batch;
        }
        return loss / batch;
    }

    /** Windows given channels first, [batch][4][length], into x positions first, [batch][length][4]; returns x. */
    static float[] positionsFirst(float[] channelsFirst, int batch, int windowLength, float[] x) {
        int channels = OneHot.CHANNELS;
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

    /** The next size factors of inverted dropout at this rate from the random stream: 0, or 1 / (1 - rate). */
    static float[] dropoutMask(SplittableRandom random, double rate, int size) {
        float[] drawn = new float[size];
        float kept = (float) (1 / (1 - rate));
        for (int i = 0; i < size; i++) {
            drawn[i] = random.nextDouble() < rate ? 0f : kept;
        }
        return drawn;
    }
}
