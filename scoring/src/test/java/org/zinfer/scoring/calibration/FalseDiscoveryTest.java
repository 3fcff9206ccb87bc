package org.zinfer.scoring.calibration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Benjamini and Hochberg's own example (1995, 15 p-values): at rate 0.05 the four smallest pass. */
class FalseDiscoveryTest {
    private static final double[] ALL = {0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
            0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000};

    @Test
    void theFourSmallestPassAndTheirQValuesAreBenjaminiHochbergs() {
        double[] candidates = {0.0344, 0.0001, 0.0459, 0.0019, 0.0201, 0.0004, 0.0278, 0.0095, 0.0298}; // those ≤ 0.05, any order
        FalseDiscovery discovery = new FalseDiscovery(candidates, ALL.length, 0.05);
        assertEquals(0.0095, discovery.threshold());
        assertEquals(0.0095 * 15 / 4, discovery.qValue(0.0095), 1e-12);
        assertEquals(0.0001 * 15 / 1, discovery.qValue(0.0001), 1e-12);
        assertEquals(0.0298 * 15 / 7, discovery.qValue(0.0278), 1e-12, "a q-value is the least over the larger p-values");
        assertTrue(discovery.qValue(0.0201) > 0.05);
    }

    @Test
    void noneMayPass() {
        assertTrue(new FalseDiscovery(new double[] {0.04}, 1000, 0.05).threshold() < 0);
        assertTrue(new FalseDiscovery(new double[0], 1000, 0.05).threshold() < 0);
    }
}
