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

    /**
     * Without --model the built-in model scores; tasks find zinfer on PATH (bin/zinfer), with no jar passed in.
     * The variants module annotates a VCF as `zinfer variants` run by hand does, record for record.
     */
    @Test
    void theBuiltInModelScoresWhenNoModelIsGiven() throws IOException {
        Path run = Files.createDirectories(dir.resolve("built-in"));
        Path pipeline = TestEnvironment.root().resolve("workflows/nextflow");
        Path fasta = TestEnvironment.root().resolve("test-data/demo-genome.fa");
        Path vcf = demoVcf(run.resolve("demo.vcf"), fasta);
        TestEnvironment.runIn(run, List.of(pipeline.resolve("nextflow").toString(), "-log", run.resolve(".nextflow.log").toString(),
                "run", pipeline.resolve("main.nf").toString(), "-profile", "test", "-work-dir", run.resolve("work").toString(),
                "--fasta", fasta.toString(), "--chunk_size", "30000", "--vcf", vcf.toString(),
                "--outdir", run.resolve("results").toString()), 0);
        String manifest = Files.readString(run.resolve("results/tracks/zinfer-scan.json"));
        assertTrue(manifest.contains("zinfer-znf29"), manifest);
        assertTrue(Files.exists(run.resolve("results/tracks/CTCF.bw")));
        assertTrue(Files.exists(run.resolve("results/tracks/ZNF143.bedGraph.gz.tbi")));
        Path byHand = run.resolve("by-hand.vcf.gz");
        ScatteredScan.zinfer("variants", "--fasta", fasta.toString(), "--vcf", vcf.toString(), "--out", byHand.toString());
        List<String> records = records(byHand);
        assertEquals(3, records.size(), String.join("\n", records));
        assertTrue(records.get(0).contains("CTCF_diff="), records.get(0));
        assertEquals(records, records(run.resolve("results/variants/demo.zinfer.vcf.gz")));
        assertTrue(Files.exists(run.resolve("results/variants/demo.zinfer.vcf.gz.tbi")));
    }

    /** Three SNVs on the demo genome, each REF the genome's base. */
    private static Path demoVcf(Path vcf, Path fasta) throws IOException {
        StringBuilder text = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=chrDemo1,length=60000>\n##contig=<ID=chrDemo2,length=40000>\n"
                + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        try (var genome = new htsjdk.samtools.reference.IndexedFastaSequenceFile(fasta)) {
            String[] contigs = {"chrDemo1", "chrDemo1", "chrDemo2"};
            int[] positions = {1500, 20000, 15000};
            for (int i = 0; i < contigs.length; i++) {
                String contig = contigs[i];
                int at = positions[i];
                char ref = Character.toUpperCase((char) genome.getSubsequenceAt(contig, at, at).getBases()[0]);
                char alt = ref == 'A' ? 'C' : 'A';
                text.append(contig).append('\t').append(at).append("\tv").append(i).append('\t').append(ref).append('\t').append(alt).append("\t.\t.\t.\n");
            }
        }
        return Files.writeString(vcf, text);
    }

    /** A bgzipped VCF's records (its header names the command line, which differs). */
    private static List<String> records(Path vcf) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(vcf))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
        }
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
