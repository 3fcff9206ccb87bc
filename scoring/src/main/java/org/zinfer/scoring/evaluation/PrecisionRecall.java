package org.zinfer.scoring.evaluation;

import java.util.Arrays;

/**
 * Area under the precision-recall curve as average precision: the precision at each distinct score
 * threshold weighted by the recall it adds (ties enter together), as scikit-learn's average_precision_score.
 */
public final class PrecisionRecall {
    private PrecisionRecall() {
    }

    /** NaN when there is no positive. */
    public static double averagePrecision(double[] scores, boolean[] positive) {
        Integer[] order = descending(scores);
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double area = 0;
        long truePositives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            long added = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                added += positive[order[j]] ? 1 : 0;
                j++;
            }
            truePositives += added;
            area += (double) added / positives * truePositives / j;
            i = j;
        }
        return area;
    }

    /** A score threshold and the recall and precision of calling windows scoring at least it. */
    public record Cutoff(double threshold, double recall, double precision) {
    }

    /**
     * The lowest threshold (so the highest recall) whose windows, those scoring at least it, have at least the
     * target precision; null when no threshold reaches it or there is no positive.
     */
    public static Cutoff atPrecision(double[] scores, boolean[] positive, double target) {
        Integer[] order = descending(scores);
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        Cutoff best = null;
        long truePositives = 0;
        int i = 0;
        while (i < order.length && positives > 0) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                truePositives += positive[order[j]] ? 1 : 0;
                j++;
            }
            double precision = (double) truePositives / j;
            if (precision >= target) {
                best = new Cutoff(scores[order[i]], (double) truePositives / positives, precision);
            }
            i = j;
        }
        return best;
    }

    /** Points (recall, precision) at each distinct threshold, highest threshold first, for plotting. */
    public static double[][] curve(double[] scores, boolean[] positive) {
        return Curves.points(scores, positive, false);
    }

    static Integer[] descending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }
}
