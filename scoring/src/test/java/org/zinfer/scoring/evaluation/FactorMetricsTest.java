package org.zinfer.scoring.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactorMetricsTest {
    @Test
    void averagePrecisionByHand() {
        // ranks: + - + -  → precision 1 at recall 1/2, 2/3 at recall 1
        assertEquals((1.0 + 2.0 / 3) / 2, PrecisionRecall.averagePrecision(new double[] {0.9, 0.8, 0.7, 0.6}, new boolean[] {true, false, true, false}), 1e-12);
        // a tie of one positive and one negative enters together: precision 1/2 at recall 1
        assertEquals(0.5, PrecisionRecall.averagePrecision(new double[] {0.5, 0.5}, new boolean[] {true, false}), 1e-12);
        assertTrue(Double.isNaN(PrecisionRecall.averagePrecision(new double[] {0.1}, new boolean[] {false})));
    }

    @Test
    void cutoffsForATargetPrecisionByHand() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        boolean[] positive = {true, true, false, true, false, false};
        // at or above 0.8: 2 of 2; 0.7: 2 of 3; 0.6: 3 of 4 = 0.75; 0.5: 3 of 5; 0.4: 3 of 6
        PrecisionRecall.Cutoff ninety = PrecisionRecall.atPrecision(scores, positive, 0.9);
        assertEquals(0.8, ninety.threshold());
        assertEquals(2.0 / 3, ninety.recall(), 1e-12);
        PrecisionRecall.Cutoff seventy = PrecisionRecall.atPrecision(scores, positive, 0.7);
        assertEquals(0.6, seventy.threshold(), "the lowest threshold that keeps the precision, not the first");
        assertEquals(1.0, seventy.recall(), 1e-12);
        assertEquals(0.75, seventy.precision(), 1e-12);
        // ties enter together: 0.5 and 0.5 give precision 1/2 at once
        assertEquals(null, PrecisionRecall.atPrecision(new double[] {0.5, 0.5}, new boolean[] {true, false}, 0.6));
        assertEquals(null, PrecisionRecall.atPrecision(new double[] {0.5}, new boolean[] {false}, 0.5));
        String table = EvaluationReport.thresholds(List.of("a"), new float[] {0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f}, new float[] {1, 1, 0, 1, 0, 0});
        assertEquals("factor\tthreshold_precision_0.5\trecall_precision_0.5\tthreshold_precision_0.9\trecall_precision_0.9\n"
                + "a\t0.400000\t1.0000\t0.800000\t0.6667\n", table);
    }

    @Test
    void perFactorMetricsAndMeansSkipFactorsWithOneClass() {
        float[] scores = {0.9f, 0.1f, 0.5f, 0.8f, 0.2f, 0.5f, 0.4f, 0.3f, 0.5f};
        float[] labels = {1, 0, 0, 0, 1, 0, 1, 0, 0};
        FactorMetrics metrics = FactorMetrics.of(List.of("a", "b", "c"), scores, labels);
        assertEquals(3, metrics.windows());
        assertEquals(2, metrics.positives()[0]);
        assertEquals(0.5, metrics.rocAuc()[0], 1e-12); // positives 0.9 and 0.4 against the negative 0.8
        assertEquals(0.5, metrics.rocAuc()[1], 1e-12); // the positive 0.2 lies between the negatives 0.1 and 0.3
        assertTrue(Double.isNaN(metrics.rocAuc()[2]));
        assertEquals(0.5, metrics.meanRocAuc(), 1e-12);
        double[][] roc = FactorMetrics.rocCurve(scores, labels, 3, 0);
        assertEquals(0, roc[0][0]);
        assertEquals(1, roc[roc.length - 1][0]);
        assertEquals(1, roc[roc.length - 1][1]);
        assertEquals(-Math.log(0.9), FactorMetrics.crossEntropy(new float[] {0.9f}, new float[] {1}), 1e-6);
    }
}
