package org.zinfer.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.testing.TestModels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad input across every command: each case must end in one line "zinfer: error: …" that names the file and line or
 * region (the expected text), a non-zero exit, and nothing left at the output path.
 */
class BadInputCorpusTest {
    private static final String H5_SCRIPT = TestEnvironment.root().resolve("test-support/python/h5_dataset.py").toString();
    @TempDir
    static Path dir;
    static Path model;
    static Path bundle;
    static Path fasta;
    static Path vcfHeader;
    static String chrA;

    /** One bad command line: what the error must say, and where nothing may be left. */
    record Case(String name, String expected, Path output, String... args) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void setUp() {
        model = TestModels.kerasFile(dir, "convrnn");
        Map<String, String> contigs = new LinkedHashMap<>();
        chrA = SyntheticGenome.random(new Random(1), 5000);
        contigs.put("chrA", chrA);
        contigs.put("chrB", SyntheticGenome.random(new Random(2), 3000));
        fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
        bundle = dir.resolve("model.zinfer");
        assertEquals(0, CommandRunner.run("import", "-k", model.toString(), "-o", bundle.toString()).exitCode());
    }

    private static List<Case> corpus;

    static synchronized Stream<Case> cases() throws IOException {
        if (corpus != null) {
            return corpus.stream();
        }
        List<Case> cases = new ArrayList<>();
        scanCases(cases);
        modelCases(cases);
        predictCases(cases);
        variantCases(cases);
        mergeCases(cases);
        trainingCases(cases);
        corpus = cases;
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineAndNothingWritten(Case bad) throws IOException {
        System.out.println("bad input case: " + bad.name());
        if (bad.output() == null) {
            CommandRunner.Outcome outcome = CommandRunner.run(bad.args());
            assertTrue(outcome.exitCode() != 0 && outcome.stderr().lines().filter(l -> l.startsWith("zinfer: error:")).count() == 1
                    && outcome.stderr().contains(bad.expected()), outcome.stderr());
            return;
        }
        CommandRunner.assertFails(bad.output(), bad.expected(), bad.args());
    }

    @Test
    void aScanRefusedForTheScanItsDirectoryHoldsLeavesThatScanAsItWas() throws IOException {
        Path held = dir.resolve("held");
        assertEquals(0, CommandRunner.run(scan(fasta, held, "--region", "chrA:1-3000")).exitCode());
        Map<String, byte[]> before = contents(held);
        CommandRunner.Outcome refused = CommandRunner.run(scan(fasta, held, "--step", "100"));
        assertTrue(refused.exitCode() != 0 && refused.stderr().contains("already holds a finished scan of other arguments"), refused.stderr());
        Map<String, byte[]> after = contents(held);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, after.get(name)), name));
    }

    private static Map<String, byte[]> contents(Path directory) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    /** A 64 KB tmpfs (skipped where this test may not mount one): the disk fills while the tracks are written. */
    @Test
    void aFullDiskWhileWritingTracks() throws IOException {
        Path mount = Files.createDirectories(dir.resolve("full"));
        boolean mounted = exitCode("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()) == 0;
        assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
        try {
            Map<String, String> contigs = Map.of("chrL", SyntheticGenome.random(new Random(4), 200_000));
            Path large = SyntheticGenome.write(dir.resolve("large.fa"), contigs);
            Path out = mount.resolve("tracks");
            CommandRunner.assertFails(out, "No space left on device", scan(large, out, "--step", "20"));
        } finally {
            exitCode("umount", "-l", mount.toString()); // lazy: a file handle of the failed run may still be open
        }
    }

    private static int exitCode(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        assertTrue(cases().count() >= 40, "cases: " + cases().count());
    }

    private static String[] scan(Path fasta, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("scan", "-m", model.toString(), "-f", fasta.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void scanCases(List<Case> cases) throws IOException {
        Path out = dir.resolve("scan-out");
        Path missing = dir.resolve("missing.fa");
        cases.add(new Case("scan: missing FASTA", "FASTA file not found: " + missing, out, scan(missing, out)));
        Path unindexed = copy(fasta, "unindexed.fa");
        cases.add(new Case("scan: FASTA without .fai", "has no index unindexed.fa.fai", out, scan(unindexed, out)));
        cases.add(new Case("scan: unknown contig", "contig 'chrZ' is not in genome.fa", out, scan(fasta, out, "--region", "chrZ:1-2000")));
        cases.add(new Case("scan: region past the contig", "region chrB:1-4000 runs past the end of contig chrB (length 3000)", out,
                scan(fasta, out, "--region", "chrB:1-4000")));
        cases.add(new Case("scan: unparsable region", "chrA:x-y", out, scan(fasta, out, "--region", "chrA:x-y")));
        cases.add(new Case("scan: overlapping regions", "overlap", out, scan(fasta, out, "--region", "chrA:1-3000", "--region", "chrA:2000-4000")));
        cases.add(new Case("scan: --threads 0", "--threads", out, scan(fasta, out, "--threads", "0")));
        cases.add(new Case("scan: --batch -1", "--batch", out, scan(fasta, out, "--batch", "-1")));
        cases.add(new Case("scan: --step 0", "--step must be at least 1", out, scan(fasta, out, "--step", "0")));
        cases.add(new Case("scan: --max-n 1.5", "--max-n must be a fraction from 0 to 1", out, scan(fasta, out, "--max-n", "1.5")));
        cases.add(new Case("scan: --engine turbo", "--engine must be fast or reference, not 'turbo'", out, scan(fasta, out, "--engine", "turbo")));
        Path shortBed = Files.writeString(dir.resolve("short.bed"), "chrA\t0\t2000\nchrA\t2500\n");
        cases.add(new Case("scan: BED line of two columns", shortBed + " line 2", out, scan(fasta, out, "--regions", shortBed.toString())));
        Path reversed = Files.writeString(dir.resolve("reversed.bed"), "chrA\t0\t2000\nchrA\t3000\t2500\n");
        cases.add(new Case("scan: BED start > end", reversed + " line 2", out, scan(fasta, out, "--regions", reversed.toString())));
        Path truncated = truncatedBgzip();
        cases.add(new Case("scan: truncated bgzip FASTA", truncated.getFileName().toString(), out, scan(truncated, out)));
        Path wrongIndex = copy(fasta, "wrong-index.fa");
        Files.writeString(Path.of(wrongIndex + ".fai"), "chrA\t5000\t6\t60\t61\nchrB\t3000\t5200\t60\t61\n");
        cases.add(new Case("scan: index that does not match its FASTA", "wrong-index.fa", out, scan(wrongIndex, out)));
        Path longer = dir.resolve("longer.fa");
        Files.writeString(longer, Files.readString(fasta).replaceFirst("\n>chrB", "\n" + "ACGT".repeat(15) + "\n>chrB"));
        Files.copy(Path.of(fasta + ".fai"), Path.of(longer + ".fai"));
        cases.add(new Case("scan: FASTA record longer than its .fai says", "longer.fa", out, scan(longer, out)));
    }

    private static void modelCases(List<Case> cases) throws IOException {
        Path out = dir.resolve("model-out");
        Path flipped = copy(bundle, "flipped.zinfer");
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(flipped, bytes);
        cases.add(new Case("scan: bundle with one flipped byte", "flipped.zinfer", out,
                "scan", "-m", flipped.toString(), "-f", fasta.toString(), "-o", out.toString()));
        cases.add(new Case("info: bundle with one flipped byte", "flipped.zinfer", null, "info", "-m", flipped.toString()));
        Path truncated = dir.resolve("truncated.h5");
        byte[] keras = Files.readAllBytes(model);
        Files.write(truncated, java.util.Arrays.copyOf(keras, keras.length * 2 / 3));
        cases.add(new Case("scan: Keras file truncated mid-dataset", "truncated.h5", out,
                "scan", "-m", truncated.toString(), "-f", fasta.toString(), "-o", out.toString()));
        Path imported = dir.resolve("imported.zinfer");
        cases.add(new Case("import: Keras file truncated mid-dataset", "truncated.h5", imported, "import", "-k", truncated.toString(), "-o", imported.toString()));
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model\n");
        cases.add(new Case("scan: model that is neither bundle nor Keras", "notes.txt", out,
                "scan", "-m", text.toString(), "-f", fasta.toString(), "-o", out.toString()));
        cases.add(new Case("info: not a model", "notes.txt", null, "info", "-m", text.toString()));
        Path lambda = TestModels.kerasFile(dir, "lambda");
        cases.add(new Case("import: unsupported Keras layer", "layer 'lambda' of type Lambda is not supported", imported,
                "import", "-k", lambda.toString(), "-o", imported.toString()));
        cases.add(new Case("scan: --device gpu without CUDA", "--device gpu: this zinfer has no GPU engine", out,
                "scan", "--device", "gpu", "-m", model.toString(), "-f", fasta.toString(), "-o", out.toString()));
    }

    private static void predictCases(List<Case> cases) throws IOException {
        Path out = dir.resolve("predict-out").resolve("scores.tsv");
        Files.createDirectories(out.getParent());
        Path empty = Files.writeString(dir.resolve("empty.fa"), "");
        cases.add(new Case("predict: empty FASTA", "empty.fa holds no records", out, "predict", "-m", model.toString(), "-f", empty.toString(), "-o", out.toString()));
        Path records = Files.writeString(dir.resolve("records.fa"), ">ok\n" + "ACGT".repeat(250) + "\n>short\n" + "ACGT".repeat(200) + "\n");
        cases.add(new Case("predict: record of the wrong length", "record 2 ('short') has 800 bases", out,
                "predict", "-m", model.toString(), "-f", records.toString(), "-o", out.toString()));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "ACGT".repeat(250) + "\n");
        cases.add(new Case("predict: text that is not FASTA", "plain.txt", out, "predict", "-m", model.toString(), "-f", plain.toString(), "-o", out.toString()));
        Path missing = dir.resolve("missing-records.fa");
        cases.add(new Case("predict: missing FASTA", "missing-records.fa", out, "predict", "-m", model.toString(), "-f", missing.toString(), "-o", out.toString()));
    }

    private static String vcfText(String eol, String... records) {
        StringBuilder text = new StringBuilder();
        for (String line : List.of("##fileformat=VCFv4.2", "##contig=<ID=chrA,length=5000>", "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")) {
            text.append(line).append(eol);
        }
        for (String record : records) {
            text.append(record).append(eol);
        }
        return text.toString();
    }

    private static String[] variants(Path vcf, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("variants", "-m", model.toString(), "-f", fasta.toString(), "--vcf", vcf.toString(), "-o", out.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static void variantCases(List<Case> cases) throws IOException {
        Path out = dir.resolve("variants-out").resolve("out.vcf.gz");
        Files.createDirectories(out.getParent());
        String snv = "chrA\t2000\tsnv\t" + chrA.charAt(1999) + "\t" + (chrA.charAt(1999) == 'A' ? "C" : "A") + "\t50\tPASS\t.";
        Path crlf = Files.writeString(dir.resolve("crlf.vcf"), vcfText("\r\n", snv));
        cases.add(new Case("variants: VCF with CRLF line ends", "crlf.vcf line 1 ends in CR LF", out, variants(crlf, out)));
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.vcf"), vcfText("\n", "chrQ\t2000\ts\tA\tC\t50\tPASS\t.", "chrR\t10\ts\tA\tC\t50\tPASS\t."));
        cases.add(new Case("variants: no contig of the VCF in the FASTA", "none of the contigs of " + elsewhere, out, variants(elsewhere, out)));
        Path unsorted = Files.writeString(dir.resolve("unsorted.vcf"), vcfText("\n", snv, snv.replace("\t2000\t", "\t1500\t")));
        cases.add(new Case("variants: unsorted VCF", "unsorted.vcf", out, variants(unsorted, out)));
        Path broken = Files.writeString(dir.resolve("broken.vcf"), vcfText("\n", "chrA\t2000\tx\tA"));
        cases.add(new Case("variants: record with four columns", "broken.vcf", out, variants(broken, out)));
        Path good = Files.writeString(dir.resolve("good.vcf"), vcfText("\n", snv));
        cases.add(new Case("variants: missing VCF", "missing.vcf", out, variants(dir.resolve("missing.vcf"), out)));
        cases.add(new Case("variants: unknown --scores", "median", out, variants(good, out, "--scores", "diff,median")));
        cases.add(new Case("variants: unknown --factors", "CTCF", out, variants(good, out, "--factors", "CTCF")));
    }

    private static void mergeCases(List<Case> cases) throws IOException {
        Path one = dir.resolve("chunk-one");
        Path other = dir.resolve("chunk-other");
        Path stepped = dir.resolve("chunk-stepped");
        Path otherModel = TestModels.kerasFile(dir, "convrnn-reseeded");
        assertEquals(0, CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(), "--region", "chrA:1-2500", "-o", one.toString()).exitCode());
        assertEquals(0, CommandRunner.run("scan", "-m", otherModel.toString(), "-f", fasta.toString(), "--region", "chrA:2501-5000", "-o", other.toString()).exitCode());
        assertEquals(0, CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(), "--step", "100", "--region", "chrB:1-3000", "-o", stepped.toString()).exitCode());
        Path out = dir.resolve("merged");
        cases.add(new Case("merge: chunks of two different models", "was scanned with another model", out, "merge", "-o", out.toString(), one.toString(), other.toString()));
        cases.add(new Case("merge: chunks of different steps", "other factors, step, window length, --reverse-complement or --shifts", out, "merge", "-o", out.toString(), one.toString(), stepped.toString()));
        cases.add(new Case("merge: a directory that is no scan", "is not a finished zinfer scan", out, "merge", "-o", out.toString(), one.toString(), dir.toString()));
        cases.add(new Case("scan: output directory holding another scan", "already holds a finished scan of other arguments", null,
                scan(fasta, one, "--region", "chrB:1-3000")));
    }

    private static void trainingCases(List<Case> cases) throws IOException {
        Path motifs = Files.writeString(dir.resolve("bad.transfac"), "AC M1\nID M1\nP0 A C G T\n01 1 2 x 4\n//\n");
        Path goodMotifs = Files.writeString(dir.resolve("good.transfac"), "AC M1\nID ONE\nP0 A C G T\n01 1 2 3 4\n02 4 3 2 1\n//\n");
        Path simulated = dir.resolve("sim.h5");
        cases.add(new Case("simulate: unparsable TRANSFAC line", "motif file " + motifs + " line 4", simulated, "simulate", "--motifs", motifs.toString(), "-o", simulated.toString()));
        cases.add(new Case("simulate: unknown motif", "has no matrix 'GATA1'", simulated, "simulate", "--motifs", goodMotifs.toString(), "--factor", "GATA1", "-o", simulated.toString()));
        cases.add(new Case("simulate: G+C outside 0-1", "--gc", simulated, "simulate", "--motifs", goodMotifs.toString(), "--gc", "1.5", "-o", simulated.toString()));
        cases.add(new Case("simulate: no windows", "-n", simulated, "simulate", "--motifs", goodMotifs.toString(), "-n", "0", "-o", simulated.toString()));
        Path prefix = dir.resolve("set");
        Path train = dir.resolve("set.train.h5");
        Path peaks = Files.writeString(dir.resolve("peaks.bed"), "1\t100\t200\n2\t300\t400\n");
        cases.add(new Case("dataset: peaks on contigs the genome lacks", "none of the contigs of " + peaks, train, "dataset", "-g", fasta.toString(), "--peaks", peaks.toString(), "-o", prefix.toString()));
        Path reversedPeaks = Files.writeString(dir.resolve("reversed-peaks.bed"), "chrA\t300\t200\n");
        cases.add(new Case("dataset: peak with start > end", reversedPeaks + " line 1", train, "dataset", "-g", fasta.toString(), "--peaks", reversedPeaks.toString(), "-o", prefix.toString()));
        Path out = dir.resolve("trained.zinfer");
        Path text = Files.writeString(dir.resolve("text.h5"), "not HDF5");
        cases.add(new Case("train: not an HDF5 file", "dataset " + text + " is not an HDF5 file", out, "train", "--train", text.toString(), "-o", out.toString()));
        cases.add(new Case("train: missing dataset", "missing.h5", out, "train", "--train", dir.resolve("missing.h5").toString(), "-o", out.toString()));
        if (TestEnvironment.inCi() || pythonHasH5py()) {
            Path nan = dir.resolve("nan.h5");
            TestEnvironment.run(TestEnvironment.python(H5_SCRIPT, "bad", nan.toString(), "nan"));
            cases.add(new Case("train: NaN labels", "nan.h5", out, "train", "--train", nan.toString(), "-o", out.toString()));
            Path report = dir.resolve("report");
            cases.add(new Case("evaluate: NaN labels", "nan.h5", report, "evaluate", "-m", model.toString(), "--data", nan.toString(), "-o", report.toString()));
        }
        Path report = dir.resolve("report-missing");
        cases.add(new Case("evaluate: missing model", "no-model.zinfer", report, "evaluate", "-m", dir.resolve("no-model.zinfer").toString(),
                "--data", text.toString(), "-o", report.toString()));
    }

    private static boolean pythonHasH5py() {
        try {
            return new ProcessBuilder(TestEnvironment.python3(), "-c", "import h5py, numpy").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The genome bgzip-compressed (bgzip -i), cut to two thirds, with the plain FASTA's .fai and the .gzi. */
    private static Path truncatedBgzip() throws IOException {
        TestEnvironment.requireProgram("bgzip");
        Path gz = dir.resolve("truncated.fa.gz");
        TestEnvironment.run(List.of("bash", "-c", "bgzip -i -c " + fasta + " > " + gz + " && mv " + fasta + ".gz.gzi " + gz + ".gzi"));
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        Files.copy(Path.of(fasta + ".fai"), Path.of(gz + ".fai"));
        return gz;
    }

    private static Path copy(Path file, String name) throws IOException {
        return Files.copy(file, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
