package org.zinfer.scoring.evaluation;

import java.util.ArrayList;
import java.util.List;

/** ROC and precision-recall curve points, one per distinct score threshold. */
final class Curves {
    private Curves() {
    }

    /** roc: (false positive rate, true positive rate) from (0,0); else (recall, precision). */
    static double[][] points(double[] scores, boolean[] positive, boolean roc) {
        Integer[] order = PrecisionRecall.descending(scores);
        long positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        long negatives = positive.length - positives;
        List<double[]> points = new ArrayList<>();
        if (roc) {
            points.add(new double[] {0, 0});
        }
        long tp = 0;
        long fp = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (positive[order[j]]) {
                    tp++;
                } else {
                    fp++;
                }
                j++;
            }
            points.add(roc ? new double[] {(double) fp / Math.max(1, negatives), (double) tp / Math.max(1, positives)}
                    : new double[] {(double) tp / Math.max(1, positives), (double) tp / (tp + fp)});
            i = j;
        }
        return points.toArray(new double[0][]);
    }
}
