package org.zinfer.workflows;

import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.testing.TestModels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A genome, a model, the scan settings a workflow scatters with, and one zinfer scan of it all: what the
 * workflows' scattered scans must reproduce exactly.
 */
record ScatteredScan(Path fasta, Path model, int chunkSize, int step, String engine, Path single) {
    static final int SYNTHETIC_CHUNK = 2000;
    /** Real sequence for the megabase scans: hg19 chr22:17,000,001-18,100,000 (five chunks of 256 kb). */
    static final int REAL_START = 17_000_000;
    static final int REAL_LENGTH = 1_100_000;
    static final int REAL_CHUNK = 256_000;
    private static final Map<String, ScatteredScan> REAL = new HashMap<>();

    /**
     * A small genome with several contigs (one shorter than a window, one with an N gap) and a small model,
     * chunked below the contig sizes.
     */
    static ScatteredScan synthetic(Path dir) {
        Map<String, String> contigs = new LinkedHashMap<>();
        Random random = new Random(8);
        contigs.put("chr2", SyntheticGenome.random(random, 9_130));
        contigs.put("chr10", SyntheticGenome.random(random, 800));
        contigs.put("chr1", SyntheticGenome.random(random, 6_020) + "N".repeat(1500) + SyntheticGenome.random(random, 4_000));
        Path fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
        return scanned(dir, fasta, TestModels.kerasFile(dir, "convrnn"), SYNTHETIC_CHUNK, 50, "fast");
    }

    /**
     * 1.1 Mb of real hg19 chr22 (cut from ../shared into workflows/target) and the thesis' 8-factor model, with an engine:
     * the fast one at step 50, DL4J's at step 100 (it is 5-10 times slower); chunks of 256 kb, a multiple of
     * batch x step as the reference engine needs. Scanned once per test JVM and engine.
     */
    static synchronized ScatteredScan realChr22(String engine) {
        Path dir = TestEnvironment.root().resolve("workflows/target/real-chr22-scans");
        if (REAL.isEmpty()) {
            deleteRecursively(dir);
        }
        return REAL.computeIfAbsent(engine, e -> {
            Path model = TestEnvironment.shared("thesis-models/multilabel_classification_convrnn_on_real_data.h5");
            Path source = TestEnvironment.shared("genome/hg19.chr22_1-22000000.fa.gz");
            Path fasta = dir.resolve("chr22_17M.fa");
            if (!Files.exists(fasta)) {
                createDirectories(dir);
                try (ReferenceGenome genome = ReferenceGenome.open(source)) {
                    String bases = new String(genome.bases("chr22", REAL_START, REAL_START + REAL_LENGTH), StandardCharsets.US_ASCII);
                    SyntheticGenome.write(fasta, Map.of("chr22", bases));
                }
            }
            return scanned(dir.resolve(e), fasta, model, REAL_CHUNK, e.equals("fast") ? 50 : 100, e);
        });
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ScatteredScan scanned(Path dir, Path fasta, Path model, int chunkSize, int step, String engine) {
        Path single = dir.resolve("single");
        zinfer("scan", "-m", model.toString(), "-f", fasta.toString(), "--step", String.valueOf(step), "--engine", engine,
                "-o", single.toString());
        return new ScatteredScan(fasta, model, chunkSize, step, engine, single);
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

    /** The merged tracks equal the single scan's, for every factor: bigWigs byte for byte, bedGraphs after decompression. */
    void assertSameTracks(Path merged) throws IOException {
        List<String> bigWigs;
        try (Stream<Path> files = Files.list(single)) {
            bigWigs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bw")).sorted().toList();
        }
        assertTrue(bigWigs.size() >= 2, bigWigs.toString());
        for (String bigWig : bigWigs) {
            String factor = bigWig.substring(0, bigWig.length() - ".bw".length());
            assertArrayEquals(Files.readAllBytes(single.resolve(bigWig)), Files.readAllBytes(merged.resolve(bigWig)), bigWig);
            byte[] expected = gunzip(single.resolve(factor + ".bedGraph.gz"));
            assertTrue(expected.length > 1000);
            assertArrayEquals(expected, gunzip(merged.resolve(factor + ".bedGraph.gz")), factor + ".bedGraph.gz");
            assertTrue(Files.exists(merged.resolve(factor + ".bedGraph.gz.tbi")));
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
