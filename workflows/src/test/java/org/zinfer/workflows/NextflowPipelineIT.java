package org.zinfer.workflows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * workflows/nextflow run by the real Nextflow (24.10.0 from Maven Central, offline): a small genome chunked below
 * its contig sizes, and a megabase of real sequence with both engines.
 */
class NextflowPipelineIT {
    @TempDir
    static Path dir;
    static ScatteredScan scan;

    @BeforeAll
    static void genome() {
        scan = ScatteredScan.synthetic(dir);
    }

    private static TestEnvironment.Result nextflow(Path workDir, Integer expectedExit, String... extra) {
        return nextflow(scan, workDir, expectedExit, extra);
    }

    private static TestEnvironment.Result nextflow(ScatteredScan scan, Path workDir, Integer expectedExit, String... extra) {
        Path pipeline = TestEnvironment.root().resolve("workflows/nextflow");
        List<String> command = new ArrayList<>(List.of(pipeline.resolve("nextflow").toString(), "-log", workDir.resolve(".nextflow.log").toString(),
                "run", pipeline.resolve("main.nf").toString(), "-profile", "test", "-work-dir", workDir.resolve("work").toString(),
                "--fasta", scan.fasta().toString(), "--model", scan.model().toString(),
                "--chunk_size", String.valueOf(scan.chunkSize()), "--step", String.valueOf(scan.step()), "--engine", scan.engine(),
                "--outdir", workDir.resolve("results").toString()));
        command.addAll(List.of(extra));
        return TestEnvironment.runIn(workDir, command, expectedExit);
    }

    @Test
    void scatteredScanEqualsOneScan() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        nextflow(run, 0);
        scan.assertSameTracks(run.resolve("results/tracks"));
    }

    /** 1.1 Mb of real hg19 chr22 in five chunks, with zinfer's engine and with DL4J's. */
    @ParameterizedTest
    @ValueSource(strings = {"fast", "reference"})
    void aMegabaseOfRealSequenceScatteredEqualsOneScan(String engine) throws IOException {
        ScatteredScan real = ScatteredScan.realChr22(engine);
        Path run = Files.createDirectories(dir.resolve("real-" + engine));
        nextflow(real, run, 0);
        real.assertSameTracks(run.resolve("results/tracks"));
    }

    /** Without --model the built-in model scores; tasks find zinfer on PATH (bin/zinfer), with no jar passed in. */
    @Test
    void theBuiltInModelScoresWhenNoModelIsGiven() throws IOException {
        Path run = Files.createDirectories(dir.resolve("built-in"));
        Path pipeline = TestEnvironment.root().resolve("workflows/nextflow");
        TestEnvironment.runIn(run, List.of(pipeline.resolve("nextflow").toString(), "-log", run.resolve(".nextflow.log").toString(),
                "run", pipeline.resolve("main.nf").toString(), "-profile", "test", "-work-dir", run.resolve("work").toString(),
                "--fasta", TestEnvironment.root().resolve("test-data/demo-genome.fa").toString(), "--chunk_size", "30000",
                "--outdir", run.resolve("results").toString()), 0);
        String manifest = Files.readString(run.resolve("results/tracks/zinfer-scan.json"));
        assertTrue(manifest.contains("zinfer-znf29"), manifest);
        assertTrue(Files.exists(run.resolve("results/tracks/CTCF.bw")));
        assertTrue(Files.exists(run.resolve("results/tracks/ZNF143.bedGraph.gz.tbi")));
    }

    @Test
    void theReferenceEngineNeedsChunksOfWholeBatchTiles() throws IOException {
        Path run = Files.createDirectories(dir.resolve("misaligned"));
        TestEnvironment.Result refused = nextflow(run, null, "--engine", "reference", "--chunk_size", "3000");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.stdout().contains("must be a multiple of --batch x --step"), refused.stdout());
    }

    @Test
    void stubRunWalksTheWholePipeline() throws IOException {
        Path run = Files.createDirectories(dir.resolve("stub"));
        TestEnvironment.Result result = nextflow(run, 0, "-stub-run");
        assertTrue(result.stdout().contains("ZINFER_MERGE"), result.stdout());
        assertTrue(Files.exists(run.resolve("results/tracks/zinfer-scan.json")));
    }

    @Test
    void aFailedChunkFailsTheRunByNameAndResumeRedoesOnlyWhatIsMissing() throws IOException {
        Path run = Files.createDirectories(dir.resolve("resume"));
        TestEnvironment.Result failed = nextflow(run, null, "--extra_regions", "chrZ:1-100");
        assertNotEquals(0, failed.exitCode());
        assertTrue((failed.stdout() + failed.stderr()).contains("ZINFER_SCAN (chrZ_1-100)"), failed.stdout());
        nextflow(run, 0, "-resume", "-with-trace", run.resolve("trace.txt").toString());
        List<String> trace = Files.readAllLines(run.resolve("trace.txt"));
        long cached = trace.stream().filter(l -> l.contains("ZINFER_SCAN") && l.contains("\tCACHED\t")).count();
        long rerun = trace.stream().filter(l -> l.contains("ZINFER_SCAN") && l.contains("\tCOMPLETED\t")).count();
        assertTrue(cached > 0, String.join("\n", trace));
        assertEquals(13 - 1, cached + rerun, "every chunk of the genome, none twice: " + trace);
        assertTrue(rerun < 12, "only chunks that had not finished run again: " + trace);
        scan.assertSameTracks(run.resolve("results/tracks"));
    }
}
