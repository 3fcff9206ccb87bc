package org.zinfer.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: one line on stderr naming what is wrong, a non-zero exit, and no output left behind. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path fasta;

    @BeforeAll
    static void setUp() {
        model = TestModels.kerasFile(dir, "convrnn");
        Map<String, String> contigs = new LinkedHashMap<>();
        contigs.put("chrA", SyntheticGenome.random(new Random(1), 5000));
        contigs.put("chrB", SyntheticGenome.random(new Random(2), 3000));
        fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
    }

    @Test
    void scanInputs() throws IOException {
        Path out = dir.resolve("scan-out");
        CommandRunner.assertFails(out, "FASTA file not found: " + dir.resolve("missing.fa"),
                "scan", "-m", model.toString(), "-f", dir.resolve("missing.fa").toString(), "-o", out.toString());

        Path unindexed = dir.resolve("unindexed.fa");
        Files.copy(fasta, unindexed);
        CommandRunner.assertFails(out, "has no index unindexed.fa.fai", "scan", "-m", model.toString(), "-f", unindexed.toString(), "-o", out.toString());

        CommandRunner.assertFails(out, "contig 'chrZ' is not in genome.fa", "scan", "-m", model.toString(), "-f", fasta.toString(),
                "--region", "chrZ:1-2000", "-o", out.toString());
        CommandRunner.assertFails(out, "region chrB:1-4000 runs past the end of contig chrB (length 3000)", "scan", "-m", model.toString(),
                "-f", fasta.toString(), "--region", "chrB:1-4000", "-o", out.toString());

        CommandRunner.assertFails(out, "--batch and --threads must be at least 1", "scan", "-m", model.toString(), "-f", fasta.toString(),
                "--batch", "0", "-o", out.toString());
        CommandRunner.assertFails(out, "--max-n must be a fraction from 0 to 1", "scan", "-m", model.toString(), "-f", fasta.toString(),
                "--max-n", "1.5", "-o", out.toString());

        Path bed = Files.writeString(dir.resolve("regions.bed"), "chrA\t0\t2000\nchrA\t2500\n");
        CommandRunner.assertFails(out, bed + " line 2", "scan", "-m", model.toString(), "-f", fasta.toString(), "--regions", bed.toString(), "-o", out.toString());
    }

    @Test
    void predictRecordsOfTheWrongLength() throws IOException {
        Path records = Files.writeString(dir.resolve("records.fa"), ">ok\n" + "ACGT".repeat(250) + "\n>short\n" + "ACGT".repeat(200) + "\n");
        Path out = dir.resolve("scores.tsv");
        CommandRunner.assertFails(out, "record 2 ('short') has 800 bases; the model scores windows of exactly 1000",
                "predict", "-m", model.toString(), "-f", records.toString(), "-o", out.toString());
    }

    @Test
    void unsupportedKerasLayer() throws IOException {
        Path lambda = TestModels.kerasFile(dir, "lambda");
        Path out = dir.resolve("lambda.zinfer");
        CommandRunner.assertFails(out, "layer 'lambda' of type Lambda is not supported", "import", "-k", lambda.toString(), "-o", out.toString());
        Path tracks = dir.resolve("lambda-tracks");
        CommandRunner.assertFails(tracks, "layer 'lambda' of type Lambda is not supported", "scan", "-m", lambda.toString(), "-f", fasta.toString(), "-o", tracks.toString());
    }

    @Test
    void gpuWithoutCudaFailsAtOnce() throws IOException {
        Path out = dir.resolve("gpu-out");
        CommandRunner.assertFails(out, "--device gpu: this zinfer has no GPU engine", "scan", "--device", "gpu", "-m", model.toString(),
                "-f", fasta.toString(), "-o", out.toString());
    }

    @Test
    void trainingOnTheGpuNamesTheBuildsThatCan() throws IOException {
        Path out = dir.resolve("gpu-trained.zinfer");
        CommandRunner.assertFails(out, "--device gpu: this zinfer has no GPU engine; build it with 'mvn -Pcuda13 package'", "train", "--device", "gpu",
                "--train", fasta.toString(), "-o", out.toString());
    }

    @Test
    void goodInputOnTheSameFilesWorks() {
        Path out = dir.resolve("good");
        CommandRunner.Outcome outcome = CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(), "--step", "100", "-o", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertTrue(Files.exists(out.resolve("factor1.bw")));
        assertTrue(Files.exists(out.resolve("factor2.bedGraph.gz.tbi")));
    }
}
