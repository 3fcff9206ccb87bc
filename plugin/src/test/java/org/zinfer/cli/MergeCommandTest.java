package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.testing.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chunk scans merged in any order equal one scan of the whole genome, byte for byte. */
class MergeCommandTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void mergedChunksEqualOneScan() throws IOException {
        Path model = TestModels.kerasFile(dir, "convrnn");
        Map<String, String> contigs = new LinkedHashMap<>();
        Random random = new Random(8);
        contigs.put("chr2", SyntheticGenome.random(random, 9_130));
        contigs.put("chr10", SyntheticGenome.random(random, 800)); // shorter than a window: scanned, empty
        contigs.put("chr1", SyntheticGenome.random(random, 6_020) + "N".repeat(1500) + SyntheticGenome.random(random, 4_000));
        Path fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);

        Path whole = dir.resolve("whole");
        assertEquals(0, CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(), "-o", whole.toString()).exitCode());

        List<String> chunks = new ArrayList<>();
        contigs.forEach((name, sequence) -> {
            for (int start = 0; start < sequence.length(); start += 2_000) {
                chunks.add(name + ":" + (start + 1) + "-" + Math.min(sequence.length(), start + 2_000));
            }
        });
        Collections.shuffle(chunks, new Random(3));
        List<String> merge = new ArrayList<>(List.of("merge", "-o", dir.resolve("merged").toString()));
        for (int i = 0; i < chunks.size(); i++) {
            Path out = dir.resolve("chunk" + i);
            CommandRunner.Outcome scan = CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(),
                    "--region", chunks.get(i), "-o", out.toString());
            assertEquals(0, scan.exitCode(), scan.stderr());
            merge.add(out.toString());
        }
        CommandRunner.Outcome merged = CommandRunner.run(merge.toArray(new String[0]));
        assertEquals(0, merged.exitCode(), merged.stderr());
        for (String factor : List.of("factor1", "factor2")) {
            byte[] single = gunzip(whole.resolve(factor + ".bedGraph.gz"));
            assertTrue(single.length > 1000);
            assertArrayEquals(single, gunzip(dir.resolve("merged").resolve(factor + ".bedGraph.gz")), factor + " bedGraph");
            assertArrayEquals(Files.readAllBytes(whole.resolve(factor + ".bw")),
                    Files.readAllBytes(dir.resolve("merged").resolve(factor + ".bw")), factor + " bigWig");
        }
    }

    @Test
    void refusesDirectoriesThatAreNotFinishedScans() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CommandRunner.Outcome outcome = CommandRunner.run("merge", "-o", dir.resolve("m").toString(), empty.toString());
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.stderr().contains(empty + " is not a finished zinfer scan"), outcome.stderr());
    }

    /** A chunk scored on both strands, or as the mean of shifted copies, and one on one strand are not one scan's tracks. */
    @Test
    void refusesChunksReadOtherwise() throws IOException {
        String fasta = TestEnvironment.root().resolve("test-data/demo-genome.fa").toString();
        Path one = dir.resolve("one");
        assertEquals(0, CommandRunner.run("scan", "-f", fasta, "--region", "chrDemo2:1-3000", "-o", one.toString()).exitCode());
        for (String flag : List.of("--reverse-complement", "--shifts=2")) {
            Path other = dir.resolve(flag.substring(2));
            assertEquals(0, CommandRunner.run("scan", "-f", fasta, "--region", "chrDemo2:3001-6000", flag, "-o", other.toString()).exitCode());
            CommandRunner.assertFails(dir.resolve("merged"), "window length, --reverse-complement or --shifts than", "merge", "-o",
                    dir.resolve("merged").toString(), one.toString(), other.toString());
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
