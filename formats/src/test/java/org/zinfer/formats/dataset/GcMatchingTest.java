package org.zinfer.formats.dataset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcMatchingTest {
    @Test
    void binsCountOnlyKnownBases() {
        byte[] bases = "GGCCNNNNAT".getBytes(StandardCharsets.US_ASCII);
        assertEquals(GcMatching.BINS * 4 / 6, GcMatching.bin(bases, 0, 10));
        assertEquals(GcMatching.BINS - 1, GcMatching.bin(bases, 0, 4), "all G+C falls in the last bin");
        assertEquals(0, GcMatching.bin(bases, 4, 4), "only N");
    }

    /** Positives at 60% G+C, negatives spread over 30-70%: the kept ones come out at the positives' G+C, as many as asked. */
    @Test
    void keptNegativesTakeThePositivesComposition() {
        GcMatching gc = new GcMatching();
        for (int i = 0; i < 1000; i++) {
            gc.count(30, true);
        }
        for (int b = 15; b < 35; b++) {
            for (int i = 0; i < 500; i++) {
                gc.count(b, false);
            }
        }
        gc.solve(0.02);
        double kept = 0;
        for (int b = 0; b < GcMatching.BINS; b++) {
            kept += (b >= 15 && b < 35 ? 500 : 0) * gc.keep(b);
        }
        assertEquals(0.02 * 20 * 500, kept, 1e-6, "the share asked for");
        assertEquals(1.0 * 200 / 500, gc.keep(30), 1e-6, "all 200 from the positives' bin");
        assertEquals(0, gc.keep(20));
        double[] means = gc.meanGc();
        assertEquals(means[0], means[2], 1e-9, "kept negatives' mean G+C is the positives'");
        assertEquals(0.5, means[1], 1e-9, "bins 15..34 average to 0.5");
    }

    /** When the positives' bins cannot supply enough, they give all they have and no other bin is used. */
    @Test
    void aShortBudgetKeepsEveryNegativeOfThePositivesBins() {
        GcMatching gc = new GcMatching();
        gc.count(10, true);
        gc.count(10, false);
        gc.count(40, false);
        gc.count(40, false);
        gc.solve(0.9);
        assertEquals(1, gc.keep(10));
        assertEquals(0, gc.keep(40));
    }
}
