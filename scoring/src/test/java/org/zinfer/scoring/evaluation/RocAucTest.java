package org.zinfer.scoring.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocAucTest {
    @Test
    void perfectInvertedTiedAndHandCounted() {
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {false, false, true, true}));
        assertEquals(0.0, RocAuc.of(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}));
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {false, true, false, true}));
        // pairs (pos, neg): (0.8,0.1) (0.8,0.9) (0.4,0.1) (0.4,0.9) -> 2 of 4 correctly ordered
        assertEquals(0.5, RocAuc.of(new double[] {0.8, 0.1, 0.4, 0.9}, new boolean[] {true, false, true, false}));
        // (0.7 vs 0.3, 0.7 vs 0.7 tie, 0.3 vs 0.3 tie, 0.3 vs 0.7) -> 1 + 0.5 + 0.5 + 0 = 2 of 4
        assertEquals(0.5, RocAuc.of(new double[] {0.7, 0.3, 0.3, 0.7}, new boolean[] {true, true, false, false}));
        assertTrue(Double.isNaN(RocAuc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})));
    }
}
