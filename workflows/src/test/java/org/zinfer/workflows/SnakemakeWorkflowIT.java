package org.zinfer.workflows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * workflows/snakemake run by the real Snakemake (Debian's 7.21): a small genome chunked below its contig sizes,
 * and a megabase of real sequence with both engines.
 */
class SnakemakeWorkflowIT {
    @TempDir
    static Path dir;
    static ScatteredScan scan;

    @BeforeAll
    static void genome() {
        scan = ScatteredScan.synthetic(dir);
    }

    /** Runs the workflow; options go before --config, config entries (KEY=VALUE) are added to it. */
    private static TestEnvironment.Result snakemake(Path workDir, Integer expectedExit, List<String> options, String... config) {
        return snakemake(scan, workDir, expectedExit, options, config);
    }

    private static TestEnvironment.Result snakemake(ScatteredScan scan, Path workDir, Integer expectedExit, List<String> options, String... config) {
        List<String> command = new ArrayList<>(List.of("snakemake", "-s", TestEnvironment.root().resolve("workflows/snakemake/Snakefile").toString(),
                "-j", "2"));
        command.addAll(options);
        command.addAll(List.of("--config", "fasta=" + scan.fasta(), "model=" + scan.model(),
                "chunk_size=" + scan.chunkSize(), "step=" + scan.step(), "engine=" + scan.engine(), "outdir=" + workDir.resolve("results")));
        command.addAll(List.of(config));
        return TestEnvironment.runIn(workDir, command, expectedExit);
    }

    @Test
    void lintIsClean() throws IOException {
        Path run = Files.createDirectories(dir.resolve("lint"));
        TestEnvironment.Result lint = snakemake(run, null, List.of("--lint"));
        String output = lint.stdout() + lint.stderr();
        assertTrue(output.contains("Congratulations, your workflow is in a good condition!"), output);
        assertTrue(!output.contains("Lints for"), output);
    }

    @Test
    void scatteredScanEqualsOneScan() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        snakemake(run, 0, List.of());
        scan.assertSameTracks(run.resolve("results/tracks"));
    }

    /** 1.1 Mb of real hg19 chr22 in five chunks, with zinfer's engine and with DL4J's. */
    @ParameterizedTest
    @ValueSource(strings = {"fast", "reference"})
    void aMegabaseOfRealSequenceScatteredEqualsOneScan(String engine) throws IOException {
        ScatteredScan real = ScatteredScan.realChr22(engine);
        Path run = Files.createDirectories(dir.resolve("real-" + engine));
        snakemake(real, run, 0, List.of());
        real.assertSameTracks(run.resolve("results/tracks"));
    }

    @Test
    void aFailedChunkFailsTheRunByNameAndARerunRedoesOnlyWhatIsMissing() throws IOException {
        Path run = Files.createDirectories(dir.resolve("rerun"));
        TestEnvironment.Result failed = snakemake(run, null, List.of(), "extra_regions=chrZ:1-100");
        assertNotEquals(0, failed.exitCode());
        String log = failed.stdout() + failed.stderr();
        assertTrue(log.contains("Error in rule scan") && log.contains("chrZ_1-100"), log);
        Map<Path, FileTime> done = finishedChunks(run);
        assertTrue(!done.isEmpty(), log);
        snakemake(run, 0, List.of());
        for (Map.Entry<Path, FileTime> chunk : done.entrySet()) {
            assertEquals(chunk.getValue(), Files.getLastModifiedTime(chunk.getKey()), "not redone: " + chunk.getKey());
        }
        scan.assertSameTracks(run.resolve("results/tracks"));
    }

    private static Map<Path, FileTime> finishedChunks(Path run) throws IOException {
        Map<Path, FileTime> done = new HashMap<>();
        Path chunks = run.resolve("results/chunks");
        if (Files.isDirectory(chunks)) {
            try (Stream<Path> files = Files.list(chunks)) {
                for (Path chunk : files.toList()) {
                    Path manifest = chunk.resolve("zinfer-scan.json");
                    if (Files.exists(manifest)) {
                        done.put(manifest, Files.getLastModifiedTime(manifest));
                    }
                }
            }
        }
        return done;
    }
}
