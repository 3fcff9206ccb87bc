package org.zinfer.scoring.calibration;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * p-values of a null distribution whose tail is known: scores sigmoid(x) with x logistic, so that a score s has
 * exactly p = 1 - s. 100,000 null windows, as calibrate draws by default.
 */
public class NullDistributionTest {
    private static float[] logisticScores(int n, long seed) {
        Random random = new Random(seed);
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            scores[i] = (float) u; // sigmoid of a logistic variable is uniform
        }
        return scores;
    }

    @Test
    void theFittedTailHoldsDownToOneInAMillion() {
        NullDistribution nulls = NullDistribution.of(logisticScores(100_000, 1));
        for (double p : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-7}) {
            float score = (float) (1 - p);
            double estimate = nulls.pValue(score);
            assertTrue(estimate > p / 1.5 && estimate < p * 1.5, "p " + p + " estimated as " + estimate);
        }
        assertEquals(1.0, nulls.pValue(0f));
        assertEquals(0.5, nulls.pValue(0.5f), 0.01);
    }

    /** Fresh null windows get uniform p-values: a Kolmogorov-Smirnov test against U(0, 1). */
    @Test
    void pValuesOfNullWindowsAreUniform() {
        NullDistribution nulls = NullDistribution.of(logisticScores(100_000, 2));
        float[] fresh = logisticScores(20_000, 3);
        double[] p = new double[fresh.length];
        for (int i = 0; i < fresh.length; i++) {
            p[i] = nulls.pValue(fresh[i]);
        }
        double d = kolmogorovSmirnov(p);
        // two samples, the 100,000 the distribution came from and these 20,000: 1% critical value 1.63 sqrt(1/100000 + 1/20000)
        double critical = 1.63 * Math.sqrt(1 / 100_000.0 + 1 / 20_000.0);
        assertTrue(d < critical, "KS distance " + d + " (1% critical value " + critical + ")");
    }

    @Test
    void tooFewWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NullDistribution.of(new float[999]));
    }

    /** The largest distance between the empirical distribution of p and U(0, 1). */
    public static double kolmogorovSmirnov(double[] p) {
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double d = 0;
        for (int i = 0; i < sorted.length; i++) {
            d = Math.max(d, Math.max(Math.abs((i + 1.0) / sorted.length - sorted[i]), Math.abs(sorted[i] - (double) i / sorted.length)));
        }
        return d;
    }
}
