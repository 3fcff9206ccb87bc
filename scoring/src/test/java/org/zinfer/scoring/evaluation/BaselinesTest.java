package org.zinfer.scoring.evaluation;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.motif.MotifMatrix;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The G+C and PWM baselines of zinfer evaluate, on windows written out by hand. */
class BaselinesTest {
    private static byte[] channels(String... windows) {
        String all = String.join("", windows);
        byte[] codes = new byte[all.length()];
        OneHot.channels(all.getBytes(StandardCharsets.US_ASCII), 0, all.length(), codes, 0);
        return codes;
    }

    @Test
    void gcContentCountsOnlyKnownBases() {
        float[] gc = new GcContent(10, 1).score(channels("GGCCAATTNN", "AAAAAAAAAA", "NNNNNNNNNN"), 3);
        assertEquals(4f / 8, gc[0]);
        assertEquals(0f, gc[1]);
        assertEquals(0f, gc[2], "a window of N only");
    }

    /** A certain matrix: log2((1 + 0.01) / 1.04 / 0.25) per matching base, log2(0.01 / 1.04 / 0.25) per other. */
    @Test
    void motifScanFindsTheBestSiteOnEitherStrand() {
        String consensus = "GATTACAC";
        double[][] rows = new double[consensus.length()][4];
        for (int i = 0; i < consensus.length(); i++) {
            rows[i]["ACGT".indexOf(consensus.charAt(i))] = 1;
        }
        MotifScan scan = new MotifScan(List.of(new MotifMatrix("M1", "m", rows)), 30, 1);
        String background = "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTT";
        String forward = background.substring(0, 5) + consensus + background.substring(13);
        String reverse = background.substring(0, 20) + new String(Sequences.reverseComplement(consensus.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII) + background.substring(28);
        String oneOff = forward.substring(0, 5) + "C" + forward.substring(6);
        float[] scores = scan.score(channels(forward, reverse, oneOff, background), 4);
        double match = Math.log(1.01 / 1.04 / 0.25) / Math.log(2);
        double miss = Math.log(0.01 / 1.04 / 0.25) / Math.log(2);
        assertEquals(consensus.length() * match, scores[0], 1e-4);
        assertEquals(scores[0], scores[1], "the reverse strand scores the same");
        assertEquals((consensus.length() - 1) * match + miss, scores[2], 1e-4);
        assertTrue(scores[3] < scores[2]);
    }

    @Test
    void anNScoresItsColumnsMean() {
        double[][] rows = {{0.7, 0.1, 0.1, 0.1}};
        MotifScan scan = new MotifScan(List.of(new MotifMatrix("M1", "m", rows)), 1, 1);
        double mean = 0;
        for (double p : rows[0]) {
            mean += Math.log((p + 0.01) / 1.04 / 0.25) / Math.log(2) / 4;
        }
        // one base, both strands: N scores the column mean on each, and the complement's column is the same set
        assertEquals(mean, scan.score(channels("N"), 1)[0], 1e-6);
    }
}
