package org.zinfer.scoring.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One factor's scores on sequence where it should not bind (null windows), kept as the p-value curve they give:
 * p(s) = the chance that a null window scores at least s.
 * <ul>
 * <li>Down to the tail (survival {@code tailProbability}: 1% of the null windows, or 100 windows when fewer than
 *     10,000 were scored, at most 5%) p comes from the empirical quantiles, every half percent of survival down
 *     to 5%, then 20 a decade; p is interpolated linearly between them;</li>
 * <li>beyond it, where a genome scan of tens of millions of windows needs p-values (down to 1e-6 and below) that
 *     no affordable null sample reaches, from an exponential tail on the logit scale fitted to the exceedances:
 *     p(s) = tailProbability · exp(-(logit s - logit u) / tailScale), tailScale their mean (the maximum-likelihood
 *     estimate). A sigmoid output is a logistic function of the network's last layer, whose maxima over
 *     positions have exponential (Gumbel-type) tails; {@code NullDistributionTest} checks the fit against a
 *     distribution whose tail is known.</li>
 * </ul>
 *
 * @param quantiles the scores at the survival levels, ending with the tail threshold u
 * @param survival  their survival probabilities
 */
public record NullDistribution(int windows, float[] quantiles, double[] survival, double tailProbability, double tailScale) {
    private static final double CLIP = 1e-7;

    /** The distribution of these null scores (at least 1,000). */
    public static NullDistribution of(float[] scores) {
        if (scores.length < 1000) {
            throw new IllegalArgumentException("a null distribution needs at least 1,000 windows, got " + scores.length);
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double tailProbability = Math.min(0.05, Math.max(0.01, 100.0 / n));
        List<Double> levels = new ArrayList<>();
        for (int k = 0; k <= 190; k++) {
            levels.add(1 - k * 0.005); // the bulk: every half percent, down to survival 0.05
        }
        for (double p = 0.05 * Math.pow(10, -1 / 20.0); p > tailProbability; p *= Math.pow(10, -1 / 20.0)) {
            levels.add(p); // then 20 steps a decade down to the tail
        }
        levels.removeIf(p -> p < tailProbability);
        levels.add(tailProbability);
        float[] quantiles = new float[levels.size()];
        double[] survival = new double[levels.size()];
        for (int j = 0; j < levels.size(); j++) {
            survival[j] = levels.get(j);
            quantiles[j] = atSurvival(sorted, survival[j]);
        }
        int last = quantiles.length - 1;
        double threshold = logit(quantiles[last]);
        double sum = 0;
        int exceeding = 0;
        for (float score : sorted) {
            if (logit(score) > threshold) {
                sum += logit(score) - threshold;
                exceeding++;
            }
        }
        double scale = exceeding == 0 ? 1e-6 : Math.max(1e-6, sum / exceeding);
        return new NullDistribution(n, quantiles, survival, tailProbability, scale);
    }

    /** The smallest score that at least 'survival' of the null windows reach. */
    private static float atSurvival(float[] sorted, double survival) {
        int above = (int) Math.ceil(survival * sorted.length);
        return sorted[Math.max(0, sorted.length - above)];
    }

    /** The chance that a null window scores at least this (1 below every null score). */
    public double pValue(float score) {
        int last = quantiles.length - 1;
        if (score > quantiles[last]) {
            return tailProbability * Math.exp(-(logit(score) - logit(quantiles[last])) / tailScale);
        }
        if (score <= quantiles[0]) {
            return 1;
        }
        int j = 0;
        while (quantiles[j + 1] < score) {
            j++;
        }
        double span = quantiles[j + 1] - quantiles[j];
        double t = span <= 0 ? 1 : (score - quantiles[j]) / span;
        return survival[j] + t * (survival[j + 1] - survival[j]);
    }

    private static double logit(double p) {
        double q = Math.min(1 - CLIP, Math.max(CLIP, p));
        return Math.log(q / (1 - q));
    }
}
