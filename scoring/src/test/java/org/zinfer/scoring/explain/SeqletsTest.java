package org.zinfer.scoring.explain;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.motif.MotifMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seqlets cut where the contribution is, in either orientation, align back into the matrix they were drawn from. */
class SeqletsTest {
    private static final double[][] MOTIF = {
            {0.9, 0.03, 0.04, 0.03}, {0.05, 0.85, 0.05, 0.05}, {0.02, 0.02, 0.94, 0.02}, {0.1, 0.1, 0.1, 0.7},
            {0.03, 0.9, 0.04, 0.03}, {0.03, 0.04, 0.03, 0.9}, {0.5, 0.05, 0.4, 0.05}, {0.03, 0.03, 0.91, 0.03},
            {0.9, 0.04, 0.03, 0.03}, {0.05, 0.05, 0.05, 0.85}};

    @Test
    void learnsThePlantedMatrixFromBothStrands() {
        Random random = new Random(5);
        MotifMatrix planted = new MotifMatrix("P", "P", MOTIF);
        List<Seqlets.Evidence> evidence = new ArrayList<>();
        for (int w = 0; w < 80; w++) {
            int length = 200;
            double[][] columns = new double[length][4];
            double[] contributions = new double[length];
            for (int i = 0; i < length; i++) {
                columns[i][random.nextInt(4)] = 1;
                contributions[i] = 0.05 * random.nextGaussian();
            }
            MotifMatrix strand = random.nextBoolean() ? planted : planted.reverseComplement();
            byte[] site = strand.sample(random);
            int at = 30 + random.nextInt(140);
            for (int i = 0; i < site.length; i++) {
                columns[at + i] = new double[4];
                columns[at + i]["ACGT".indexOf(site[i])] = 1;
                contributions[at + i] = 1 + 0.2 * random.nextGaussian();
            }
            evidence.add(new Seqlets.Evidence(contributions, columns));
        }
        MotifMatrix learned = Seqlets.learn("L", "L", evidence).orElseThrow();
        assertTrue(Math.abs(learned.length() - MOTIF.length) <= 2, "length " + learned.length());
        List<MotifMatrix> database = List.of(planted, new MotifMatrix("Q", "Q", new double[][] {{0.1, 0.1, 0.1, 0.7}, {0.1, 0.7, 0.1, 0.1},
                {0.7, 0.1, 0.1, 0.1}, {0.1, 0.1, 0.7, 0.1}, {0.7, 0.1, 0.1, 0.1}, {0.1, 0.1, 0.1, 0.7}}));
        MotifComparison.Match best = new MotifComparison(database, 1).best(learned, 1).get(0);
        assertEquals("P", best.target().id());
        assertTrue(best.score() >= 0.9 * Math.min(learned.length(), MOTIF.length), "summed column correlation " + best.score());
    }

    @Test
    void windowsWithoutPositiveContributionGiveNothing() {
        double[][] columns = new double[50][4];
        for (double[] column : columns) {
            column[0] = 1;
        }
        assertTrue(Seqlets.learn("L", "L", List.of(new Seqlets.Evidence(new double[50], columns))).isEmpty());
    }
}
