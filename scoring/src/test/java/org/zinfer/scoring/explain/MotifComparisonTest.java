package org.zinfer.scoring.explain;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.motif.MotifMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MotifComparisonTest {
    @Test
    void columnsCompareByCorrelationAndFlatColumnsByNothing() {
        assertEquals(1, MotifComparison.similarity(new double[] {0.7, 0.1, 0.1, 0.1}, new double[] {0.4, 0.2, 0.2, 0.2}), 1e-12);
        assertEquals(-1.0 / 3, MotifComparison.similarity(new double[] {1, 0, 0, 0}, new double[] {0, 1, 0, 0}), 1e-12);
        assertEquals(0, MotifComparison.similarity(new double[] {0.25, 0.25, 0.25, 0.25}, new double[] {1, 0, 0, 0}));
    }

    @Test
    void normalTailMatchesKnownValues() {
        assertEquals(0.5, MotifComparison.upperTail(0), 1e-7);
        assertEquals(0.05, MotifComparison.upperTail(1.6448536), 1e-7);
        assertEquals(2.8665157e-7, MotifComparison.upperTail(5), 1e-12);
        assertEquals(0.9772499, MotifComparison.upperTail(-2), 1e-7);
    }

    /** Part of a database matrix, taken from its other strand, finds it first: reversed, at the right offset. */
    @Test
    void aPieceOfTheOtherStrandFindsItsMatrix() {
        Random random = new Random(3);
        List<MotifMatrix> database = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            database.add(randomMatrix("M" + i, 8 + random.nextInt(12), random));
        }
        MotifMatrix target = database.get(17);
        MotifMatrix piece = new MotifMatrix("q", "q", Arrays.copyOfRange(target.probabilities(), 2, 10)).reverseComplement();
        List<MotifComparison.Match> best = new MotifComparison(database, 1).best(piece, 5);
        assertEquals(5, best.size());
        MotifComparison.Match first = best.get(0);
        assertEquals("M17", first.target().id());
        assertTrue(first.reverse());
        assertEquals(8, first.overlap());
        assertEquals(target.length() - 10, first.offset(), "the piece's first column is the reversed target's column length-10");
        assertEquals(8, first.score(), 1e-9, "eight identical columns");
        assertTrue(first.pValue() < 1e-6 && best.get(1).pValue() > first.pValue(), best.toString());
    }

    private static MotifMatrix randomMatrix(String id, int length, Random random) {
        double[][] rows = new double[length][4];
        for (double[] row : rows) {
            double total = 0;
            for (int b = 0; b < 4; b++) {
                row[b] = Math.pow(random.nextDouble(), 3);
                total += row[b];
            }
            for (int b = 0; b < 4; b++) {
                row[b] /= total;
            }
        }
        return new MotifMatrix(id, id, rows);
    }
}
