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
