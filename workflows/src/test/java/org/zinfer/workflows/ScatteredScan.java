package org.zinfer.workflows;

import org.zinfer.formats.testing.SyntheticGenome;
import org.zinfer.formats.testing.TestEnvironment;
import org.zinfer.formats.testing.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small genome with several contigs (one shorter than a window, one with an N gap), a small model, and one
 * zinfer scan of it all: what the workflows' scattered scans must reproduce exactly.
 */
final class ScatteredScan {
    static final int CHUNK = 2000;
    final Path dir;
    final Path fasta;
    final Path model;
    final Path single;

    ScatteredScan(Path dir) {
        this.dir = dir;
        Map<String, String> contigs = new LinkedHashMap<>();
        Random random = new Random(8);
        contigs.put("chr2", SyntheticGenome.random(random, 9_130));
        contigs.put("chr10", SyntheticGenome.random(random, 800));
        contigs.put("chr1", SyntheticGenome.random(random, 6_020) + "N".repeat(1500) + SyntheticGenome.random(random, 4_000));
        this.fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
        this.model = TestModels.kerasFile(dir, "convrnn");
        this.single = dir.resolve("single");
        zinfer("scan", "-m", model.toString(), "-f", fasta.toString(), "-o", single.toString());
    }

    static Path jar() {
        Path jar = TestEnvironment.root().resolve("plugin/target/zinfer.jar");
        assertTrue(Files.exists(jar), "package the jar first (mvn package)");
        return jar;
    }

    static void zinfer(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        TestEnvironment.run(command);
    }

    /** The merged tracks equal the single scan's: bigWigs byte for byte, bedGraphs after decompression. */
    void assertSameTracks(Path merged) throws IOException {
        for (String factor : List.of("factor1", "factor2")) {
            assertArrayEquals(Files.readAllBytes(single.resolve(factor + ".bw")), Files.readAllBytes(merged.resolve(factor + ".bw")), factor + ".bw");
            byte[] expected = gunzip(single.resolve(factor + ".bedGraph.gz"));
            assertTrue(expected.length > 1000);
            assertArrayEquals(expected, gunzip(merged.resolve(factor + ".bedGraph.gz")), factor + ".bedGraph.gz");
            assertTrue(Files.exists(merged.resolve(factor + ".bedGraph.gz.tbi")));
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
