package org.zinfer.formats.genome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;
import org.zinfer.testing.SyntheticGenome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TiledWindowsTest {
    @TempDir
    Path dir;

    private Map<String, String> contigs() {
        Random random = new Random(3);
        Map<String, String> contigs = new LinkedHashMap<>();
        contigs.put("a", SyntheticGenome.random(random, 30_000) + "N".repeat(5_000) + SyntheticGenome.random(random, 1_234));
        contigs.put("b", SyntheticGenome.random(random, 999));
        contigs.put("c", SyntheticGenome.random(random, 2_500));
        return contigs;
    }

    @Test
    void windowsStartOnTheStepGridAndLieInsideTheContig() {
        Map<String, String> contigs = contigs();
        Path fasta = SyntheticGenome.write(dir.resolve("g.fa"), contigs);
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            List<Region> regions = List.of(new Region("a", 0, 36_234), new Region("b", 0, 999), new Region("c", 7, 2_500));
            TiledWindows windows = new TiledWindows(genome, regions, 1000, 50, 0.5);
            List<Window> seen = new ArrayList<>();
            while (windows.hasNext()) {
                SequenceWindow w = windows.next();
                seen.add(w.window());
                String expected = contigs.get(w.window().contig()).substring(w.window().start(), w.window().end());
                assertArrayEquals(expected.getBytes(), java.util.Arrays.copyOfRange(w.bases(), w.offset(), w.offset() + 1000), "bases of " + w.window());
            }
            // contig a: starts 0, 50, ... up to 35_234 (last fully inside), minus windows more than half N
            long expectedA = 0;
            long skippedA = 0;
            for (int s = 0; s + 1000 <= 36_234; s += 50) {
                int n = Math.max(0, Math.min(s + 1000, 35_000) - Math.max(s, 30_000));
                if (n > 500) {
                    skippedA++;
                } else {
                    expectedA++;
                }
            }
            assertEquals(expectedA, seen.stream().filter(w -> w.contig().equals("a")).count());
            assertEquals(skippedA, windows.skipped());
            assertEquals(0, seen.stream().filter(w -> w.contig().equals("b")).count(), "a contig shorter than a window has none");
            List<Window> c = seen.stream().filter(w -> w.contig().equals("c")).toList();
            assertEquals(new Window("c", 7, 1007), c.get(0));
            assertEquals(new Window("c", 1457, 2457), c.get(c.size() - 1));
            assertEquals(TiledWindows.count(genome, regions, 1000, 50), seen.size() + windows.skipped());
        }
    }

    @Test
    void genomeErrorsNameTheProblem() throws Exception {
        Path fasta = SyntheticGenome.write(dir.resolve("g.fa"), contigs());
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            assertTrue(assertThrows(InputException.class, () -> genome.contig("chr9")).getMessage().contains("contig 'chr9' is not in g.fa"));
            assertTrue(assertThrows(InputException.class, () -> genome.resolve(Region.parse("c:2000-2600"))).getMessage()
                    .contains("runs past the end of contig c (length 2500)"));
        }
        Files.delete(dir.resolve("g.fa.fai"));
        assertTrue(assertThrows(InputException.class, () -> ReferenceGenome.open(fasta)).getMessage().contains("has no index g.fa.fai"));
        assertTrue(assertThrows(InputException.class, () -> ReferenceGenome.open(dir.resolve("none.fa"))).getMessage().contains("not found"));
    }
}
