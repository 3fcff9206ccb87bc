package org.zinfer.scoring.explain;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.training.InputGradients;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Gradient × input as a {@link WindowScorer} whose "scores" are contributions, factors × length per window: a
 * base's contribution to a factor is the gradient of the factor's logit at the base present minus the mean
 * gradient at the other three bases. That is the first-order estimate of what {@link InSilicoMutagenesis}
 * measures (the logit's change when the base is replaced by each other base, averaged), and centring the
 * gradient removes the part that no one-hot input can follow (the same shift added to all four channels).
 * <p>
 * The gradient is taken at the window itself, or (integrated gradients, Sundararajan et al. 2017) averaged over
 * steps points on the straight path from the all-N window (zero input) to the window, at the middle of each of
 * steps equal parts. A strongly bound site saturates the network: at the window itself the site's gradient is
 * small and the rest of the window's many small gradients outweigh it, where on the way there it is not yet.
 */
public final class GradientTimesInput implements WindowScorer {
    /** One backward pass per worker thread, each with its own buffers, lent out per batch. */
    private final BlockingQueue<InputGradients> workers;
    private final int[] factors;
    private final int outputs;
    private final int length;
    private final int threads;
    private final boolean bothStrands;
    /** 0: the gradient at the window; n: integrated gradients over n points. */
    private final int steps;

    private GradientTimesInput(List<InputGradients> workers, int[] factors, int length, boolean bothStrands, int steps) {
        this.workers = new ArrayBlockingQueue<>(workers.size(), false, workers);
        this.factors = factors.clone();
        this.outputs = workers.get(0).outputs();
        this.length = length;
        this.threads = workers.size();
        this.bothStrands = bothStrands;
        this.steps = steps;
    }

    /**
     * For the models zinfer's trainer can backpropagate through (conv → (Bi)LSTM → Dense, sigmoid outputs), and
     * the given factors (indices of the model's outputs): each costs one backward pass. threads: batches at once,
     * each on one BLAS thread (as the scoring engine's workers). bothStrands: explain the model as scan
     * --reverse-complement uses it, each window's probability the mean of its two strands' (twice the work). steps:
     * 0 for the gradient at the window, n &gt; 0 for integrated gradients over n points (n times the work).
     */
    public static Optional<GradientTimesInput> of(FactorModel model, int[] factors, int threads, boolean bothStrands, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("integration steps must be 0 or more, got " + steps);
        }
        List<InputGradients> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Optional<InputGradients> worker = InputGradients.of(model, 1);
            if (worker.isEmpty()) {
                return Optional.empty();
            }
            workers.add(worker.get());
        }
        return Optional.of(new GradientTimesInput(workers, factors, model.windowLength(), bothStrands, steps));
    }

    @Override
    public int parallelism() {
        return threads;
    }

    /** The contribution of a window from what {@link #score} gave for it: one value per base of each chosen factor. */
    public static Contribution of(Mutants item, float[] values, int offset, int factors) {
        float[] own = new float[factors * item.length()];
        System.arraycopy(values, offset, own, 0, own.length);
        return new Contribution(item.window(), item.stretch(), item.channels(), factors, own);
    }

    @Override
    public int outputs() {
        return factors.length * length;
    }

    @Override
    public float[] score(byte[] channels, int count) {
        Span[] all = new Span[count];
        Arrays.fill(all, Span.whole(length));
        return score(channels, count, all);
    }

    /**
     * The contributions at the bases read of each window, zero elsewhere. The backward pass covers, for the whole
     * batch, the smallest stretch holding every window's (and on both strands its mirror image).
     */
    @Override
    public float[] score(byte[] channels, int count, Span[] read) {
        Span bases = read[0];
        for (int n = 1; n < count; n++) {
            bases = bases.union(read[n]);
        }
        bases = bothStrands ? bases.union(bases.mirrored(length)) : bases;
        float[][] gradient = pathGradients(channels, count, bases);
        float[] result = new float[count * outputs()];
        int c4 = OneHot.CHANNELS;
        for (int n = 0; n < count; n++) {
            for (int f = 0; f < factors.length; f++) {
                for (int i = bases.from(); i < bases.to(); i++) {
                    int ref = channels[n * length + i];
                    if (ref < 0) {
                        continue;
                    }
                    int at = (n * length + i) * c4;
                    float[] g = gradient[f];
                    double others = (g[at] + g[at + 1] + g[at + 2] + g[at + 3] - g[at + ref]) / (c4 - 1);
                    result[(n * factors.length + f) * length + i] = (float) (g[at + ref] - others);
                }
            }
        }
        return result;
    }

    /** The gradient at the window, or its mean over the integration points, each in the same order (same bits). */
    private float[][] pathGradients(byte[] channels, int count, Span bases) {
        if (steps == 0) {
            return gradientsAt(channels, count, bases, 1);
        }
        float[][] sum = null;
        for (int k = 0; k < steps; k++) {
            float[][] at = gradientsAt(channels, count, bases, (k + 0.5f) / steps);
            if (sum == null) {
                sum = at;
                continue;
            }
            for (int f = 0; f < sum.length; f++) {
                for (int i = 0; i < sum[f].length; i++) {
                    sum[f][i] += at[f][i];
                }
            }
        }
        for (float[] g : sum) {
            for (int i = 0; i < g.length; i++) {
                g[i] /= steps;
            }
        }
        return sum;
    }

    private float[][] gradientsAt(byte[] channels, int count, Span bases, float scale) {
        return bothStrands ? strandMeanGradients(channels, count, bases, scale) : gradients(channels, count, bases, scale).gradients();
    }

    /**
     * The gradient of logit((p_forward + p_reverse) / 2): each strand's probability gradient, p (1 - p) times its
     * logit gradient (the reverse strand's read back to forward positions and bases), averaged and divided by
     * p (1 - p) of the mean.
     */
    private float[][] strandMeanGradients(byte[] channels, int count, Span bases, float scale) {
        byte[] both = new byte[2 * count * length];
        for (int n = 0; n < count; n++) {
            System.arraycopy(channels, n * length, both, 2 * n * length, length);
            System.arraycopy(channels, n * length, both, (2 * n + 1) * length, length);
            OneHot.reverseComplementChannels(both, (2 * n + 1) * length, length);
        }
        InputGradients.Result strands = gradients(both, 2 * count, bases, scale);
        int c4 = OneHot.CHANNELS;
        float[][] mean = new float[factors.length][count * length * c4];
        for (int k = 0; k < factors.length; k++) {
            float[] g = strands.gradients()[k];
            for (int n = 0; n < count; n++) {
                double forward = strands.probabilities()[2 * n * outputs + factors[k]];
                double reverse = strands.probabilities()[(2 * n + 1) * outputs + factors[k]];
                double p = (forward + reverse) / 2;
                double wf = forward * (1 - forward) / (2 * p * (1 - p));
                double wr = reverse * (1 - reverse) / (2 * p * (1 - p));
                for (int i = bases.from(); i < bases.to(); i++) {
                    for (int c = 0; c < c4; c++) {
                        double gf = g[((2 * n) * length + i) * c4 + c];
                        double gr = g[((2 * n + 1) * length + length - 1 - i) * c4 + (c4 - 1 - c)];
                        mean[k][(n * length + i) * c4 + c] = (float) (wf * gf + wr * gr);
                    }
                }
            }
        }
        return mean;
    }

    private InputGradients.Result gradients(byte[] channels, int count, Span bases, float scale) {
        InputGradients worker;
        try {
            worker = workers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a gradient worker", e);
        }
        try {
            return worker.of(channels, count, factors, bases, scale);
        } finally {
            workers.add(worker);
        }
    }

    @Override
    public String describe() {
        String gradient = steps == 0 ? "gradient" : "integrated gradients (" + steps + (steps == 1 ? " point" : " points") + " from the all-N window)";
        return gradient + " × input by zinfer's CPU backward pass, " + threads + " worker thread(s)";
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return describe() + ", batch " + batchSize;
    }
}
