package org.zinfer.scoring.explain;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.training.InputGradients;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * "Deep dream": inputs optimised to raise one factor's logit. Each position of an input is a distribution over
 * the four bases (a softmax of free parameters, drawn at random to start), moved by gradient ascent with steps
 * scaled to the gradient's root mean square, so every input changes at the same pace. What is left at the end
 * is evidence for {@link Seqlets}: the distributions, and each position's gradient × input (centred as in
 * {@link GradientTimesInput}).
 */
public final class InputOptimisation {
    private static final int CHUNK = 64;
    private static final double RATE = 0.2;
    /** The spread of the starting parameters: random sequences, each base held with some doubt. */
    private static final double START_SPREAD = 1;

    private final InputGradients gradients;
    private final int length;

    public InputOptimisation(InputGradients gradients, int length) {
        this.gradients = gradients;
        this.length = length;
    }

    /** result[f]: factor f's evidence, one per start; every factor's starts run together in batches. */
    public List<List<Seqlets.Evidence>> dream(int factors, int starts, int steps, long seed, ProgressMeter progress) {
        List<List<Seqlets.Evidence>> result = new ArrayList<>();
        for (int f = 0; f < factors; f++) {
            result.add(new ArrayList<>());
        }
        int total = factors * starts;
        for (int from = 0; from < total; from += CHUNK) {
            int count = Math.min(CHUNK, total - from);
            int[] outputOf = new int[count];
            for (int n = 0; n < count; n++) {
                outputOf[n] = (from + n) / starts;
            }
            List<Seqlets.Evidence> dreamt = dream(outputOf, steps, seed + from);
            for (int n = 0; n < count; n++) {
                result.get(outputOf[n]).add(dreamt.get(n));
            }
            progress.advance(count);
        }
        return result;
    }

    private List<Seqlets.Evidence> dream(int[] outputOf, int steps, long seed) {
        int count = outputOf.length;
        int c4 = OneHot.CHANNELS;
        float[] theta = new float[count * c4 * length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) (START_SPREAD * gaussian(random));
        }
        float[] x = new float[theta.length];
        float[] gradient = null;
        for (int step = 0; step <= steps; step++) {
            softmax(theta, x, count);
            gradient = gradients.ofOwnOutputs(x, count, outputOf);
            if (step < steps) {
                ascend(theta, x, gradient, count);
            }
        }
        List<Seqlets.Evidence> evidence = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            double[] contributions = new double[length];
            double[][] columns = new double[length][c4];
            for (int i = 0; i < length; i++) {
                int at = (n * length + i) * c4;
                double mean = 0;
                for (int c = 0; c < c4; c++) {
                    columns[i][c] = x[(n * c4 + c) * length + i];
                    mean += gradient[at + c] / c4;
                }
                for (int c = 0; c < c4; c++) {
                    contributions[i] += columns[i][c] * (gradient[at + c] - mean) * c4 / (c4 - 1);
                }
            }
            evidence.add(new Seqlets.Evidence(contributions, columns));
        }
        return evidence;
    }

    /** x: the softmax over the four channels of each position of theta, both channel-major [count][4][length]. */
    private void softmax(float[] theta, float[] x, int count) {
        int c4 = OneHot.CHANNELS;
        for (int n = 0; n < count; n++) {
            for (int i = 0; i < length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < c4; c++) {
                    max = Math.max(max, theta[(n * c4 + c) * length + i]);
                }
                double sum = 0;
                for (int c = 0; c < c4; c++) {
                    sum += Math.exp(theta[(n * c4 + c) * length + i] - max);
                }
                for (int c = 0; c < c4; c++) {
                    x[(n * c4 + c) * length + i] = (float) (Math.exp(theta[(n * c4 + c) * length + i] - max) / sum);
                }
            }
        }
    }

    /** One step up the logit's gradient through the softmax, scaled so that each input's step has RATE's root mean square. */
    private void ascend(float[] theta, float[] x, float[] gradient, int count) {
        int c4 = OneHot.CHANNELS;
        float[] step = new float[c4 * length];
        for (int n = 0; n < count; n++) {
            double squares = 0;
            for (int i = 0; i < length; i++) {
                int at = (n * length + i) * c4;
                double expected = 0;
                for (int c = 0; c < c4; c++) {
                    expected += x[(n * c4 + c) * length + i] * gradient[at + c];
                }
                for (int c = 0; c < c4; c++) {
                    float d = (float) (x[(n * c4 + c) * length + i] * (gradient[at + c] - expected));
                    step[c * length + i] = d;
                    squares += d * d;
                }
            }
            double scale = RATE / (Math.sqrt(squares / step.length) + 1e-12);
            for (int k = 0; k < step.length; k++) {
                theta[n * c4 * length + k] += (float) (scale * step[k]);
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
