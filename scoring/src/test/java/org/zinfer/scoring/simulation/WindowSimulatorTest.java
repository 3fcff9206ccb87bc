package org.zinfer.scoring.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.dataset.WindowBatch;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.scoring.engine.ProgressMeter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowSimulatorTest {
    @TempDir
    Path dir;

    /** A motif with one certain base per position, so that its instances can be found by string search. */
    static MotifMatrix certain(String id, String consensus) {
        double[][] rows = new double[consensus.length()][4];
        for (int i = 0; i < consensus.length(); i++) {
            rows[i]["ACGT".indexOf(consensus.charAt(i))] = 1;
        }
        return new MotifMatrix(id, id, rows);
    }

    private Path simulate(long seed, String name) {
        List<MotifMatrix> motifs = List.of(certain("A", "GATTACAGATTACA"), certain("B", "CCGCGGTTAACCGG"));
        WindowSimulator simulator = new WindowSimulator(motifs, Background.iid(0.4),
                new WindowSimulator.Settings(400, 200, 0.4, 1, 2, seed));
        Path file = dir.resolve(name);
        WindowDatasetWriter writer = new WindowDatasetWriter(file, List.of("A", "B"), 200);
        simulator.simulate(writer, ProgressMeter.silent());
        writer.commit(simulator.provenance("test"));
        return file;
    }

    @Test
    void labelsSayWhichMotifsWereImplantedOnEitherStrandAndSeedsReproduce() throws Exception {
        Path first = simulate(7, "a.h5");
        int[] strands = new int[2];
        int positives = 0;
        try (WindowDataset dataset = WindowDataset.open(first)) {
            WindowBatch batch = dataset.read(0, 400);
            for (int w = 0; w < 400; w++) {
                String bases = bases(batch, w);
                for (int k = 0; k < 2; k++) {
                    String site = k == 0 ? "GATTACAGATTACA" : "CCGCGGTTAACCGG";
                    boolean forward = bases.contains(site);
                    boolean reverse = bases.contains(reverseComplement(site));
                    assertEquals(batch.label(w, k) == 1f, forward || reverse, "window " + w + " factor " + k);
                    strands[0] += forward ? 1 : 0;
                    strands[1] += reverse ? 1 : 0;
                    positives += batch.label(w, k) == 1f ? 1 : 0;
                }
            }
            assertTrue(dataset.provenance().contains("i.i.d. bases, GC 0.4"));
        }
        assertTrue(positives > 240 && positives < 400, "about 40% of 800 labels are positive: " + positives);
        assertTrue(strands[0] > 50 && strands[1] > 50, "instances on both strands: " + strands[0] + "/" + strands[1]);
        Path again = simulate(7, "b.h5");
        Path other = simulate(8, "c.h5");
        try (WindowDataset a = WindowDataset.open(first); WindowDataset b = WindowDataset.open(again); WindowDataset c = WindowDataset.open(other)) {
            assertArrayEquals(a.read(0, 400).data(), b.read(0, 400).data());
            assertFalse(java.util.Arrays.equals(a.read(0, 400).data(), c.read(0, 400).data()));
        }
        assertTrue(Files.size(first) < 400 * 4 * 200 / 2, "the data is compressed");
    }

    @Test
    void iidBackgroundHasTheAskedGcContent() {
        byte[] drawn = Background.iid(0.7).draw(new Random(1), 100_000);
        long gc = 0;
        for (byte b : drawn) {
            gc += b == 'G' || b == 'C' ? 1 : 0;
        }
        assertEquals(0.7, gc / 100_000.0, 0.01);
    }

    @Test
    void genomeBackgroundDrawsGenomeWindowsOnEitherStrandAvoidingN() {
        String contig = SyntheticGenome.random(new Random(5), 3000).toLowerCase() + "N".repeat(2000) + SyntheticGenome.random(new Random(6), 3000);
        Path fasta = SyntheticGenome.write(dir.resolve("bg.fa"), Map.of("chrB", contig));
        String upper = contig.toUpperCase();
        String reverse = reverseComplement(upper);
        int[] strands = new int[2];
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            Background background = new GenomeBackground(genome, 100);
            Random random = new Random(9);
            for (int i = 0; i < 300; i++) {
                String drawn = new String(background.draw(random, 100), StandardCharsets.US_ASCII);
                assertFalse(drawn.contains("N"), drawn);
                assertTrue(upper.contains(drawn) || reverse.contains(drawn), "a window of the genome, upper-cased: " + drawn);
                strands[upper.contains(drawn) ? 0 : 1]++;
            }
        }
        assertTrue(strands[0] > 100 && strands[1] > 100, "both strands: " + strands[0] + "/" + strands[1]);
    }

    static String bases(WindowBatch batch, int w) {
        StringBuilder s = new StringBuilder();
        int length = batch.windowLength();
        for (int i = 0; i < length; i++) {
            char base = 'N';
            for (int c = 0; c < 4; c++) {
                if (batch.data()[(w * 4 + c) * length + i] == 1f) {
                    base = "ACGT".charAt(c);
                }
            }
            s.append(base);
        }
        return s.toString();
    }

    static String reverseComplement(String s) {
        return new String(Sequences.reverseComplement(s.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
    }
}
