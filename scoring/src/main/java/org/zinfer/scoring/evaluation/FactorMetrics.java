package org.zinfer.scoring.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-factor ROC AUC and PR AUC (average precision) of scores against 0/1 labels, both laid out
 * [window][factor], and their means over the factors that have both classes (as Keras'
 * AUC(multi_label=True) averages per-label AUCs). A factor whose scores hold NaN (not scored) has NaN metrics.
 */
public record FactorMetrics(List<String> factors, long windows, long[] positives, double[] rocAuc, double[] prAuc) {

    public static FactorMetrics of(List<String> factors, float[] scores, float[] labels) {
        int k = factors.size();
        int n = labels.length / k;
        long[] positives = new long[k];
        double[] roc = new double[k];
        double[] pr = new double[k];
        for (int f = 0; f < k; f++) {
            double[] s = column(scores, n, k, f);
            boolean[] y = positives(labels, n, k, f);
            for (boolean p : y) {
                positives[f] += p ? 1 : 0;
            }
            boolean scored = java.util.Arrays.stream(s).noneMatch(Double::isNaN);
            roc[f] = scored ? RocAuc.of(s, y) : Double.NaN;
            pr[f] = scored ? PrecisionRecall.averagePrecision(s, y) : Double.NaN;
        }
        return new FactorMetrics(List.copyOf(factors), n, positives, roc, pr);
    }

    public double meanRocAuc() {
        return mean(rocAuc);
    }

    public double meanPrAuc() {
        return mean(prAuc);
    }

    /** Mean binary cross-entropy over windows and factors, predictions clipped to [1e-7, 1 - 1e-7] as Keras does. */
    public static double crossEntropy(float[] scores, float[] labels) {
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
            sum -= labels[i] * Math.log(p) + (1 - labels[i]) * Math.log(1 - p);
        }
        return sum / scores.length;
    }

    static double[] column(float[] values, int n, int k, int f) {
        double[] column = new double[n];
        for (int i = 0; i < n; i++) {
            column[i] = values[i * k + f];
        }
        return column;
    }

    static boolean[] positives(float[] labels, int n, int k, int f) {
        boolean[] column = new boolean[n];
        for (int i = 0; i < n; i++) {
            column[i] = labels[i * k + f] >= 0.5f;
        }
        return column;
    }

    /** ROC curve points of one factor. */
    public static double[][] rocCurve(float[] scores, float[] labels, int k, int f) {
        int n = labels.length / k;
        return Curves.points(column(scores, n, k, f), positives(labels, n, k, f), true);
    }

    /** PR curve points of one factor. */
    public static double[][] prCurve(float[] scores, float[] labels, int k, int f) {
        int n = labels.length / k;
        return PrecisionRecall.curve(column(scores, n, k, f), positives(labels, n, k, f));
    }

    private static double mean(double[] values) {
        List<Double> defined = new ArrayList<>();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                defined.add(v);
            }
        }
        return defined.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
