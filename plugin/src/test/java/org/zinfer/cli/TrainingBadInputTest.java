package org.zinfer.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.testing.TestModels;

import org.zinfer.formats.dataset.WindowDatasetWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.zinfer.cli.CommandRunner.assertFails;

/** Bad input to simulate, dataset, train and evaluate: one line naming the problem, exit 1, nothing written. */
class TrainingBadInputTest {
    private static final String SCRIPT = TestEnvironment.root().resolve("test-support/python/h5_dataset.py").toString();

    @TempDir
    static Path dir;
    static Path fasta;

    @BeforeAll
    static void setUp() {
        fasta = SyntheticGenome.write(dir.resolve("genome.fa"), Map.of("chrA", SyntheticGenome.random(new Random(1), 6000)));
    }

    private static Path bad(String kind) {
        Path file = dir.resolve(kind + ".h5");
        TestEnvironment.run(TestEnvironment.python(SCRIPT, "bad", file.toString(), kind));
        return file;
    }

    @Test
    void datasetsWithWrongShapesTypesOrFactorNamesAreRefused() throws IOException {
        TestEnvironment.requirePythonModules("h5py", "numpy");
        Path out = dir.resolve("m.zinfer");
        Path shape = bad("shape");
        assertFails(out, "dataset " + shape + " 'data' has shape [3, 5, 8]; expected (N, 4, length) or (N, length, 4)",
                "train", "--train", shape.toString(), "-o", out.toString());
        Path dtype = bad("dtype");
        assertFails(out, "dataset " + dtype + " 'data' holds String values; expected integers or floats",
                "train", "--train", dtype.toString(), "-o", out.toString());
        Path factors = bad("factors");
        assertFails(out, "dataset " + factors + " names 3 factors but 'binlabels' has 2 label columns",
                "train", "--train", factors.toString(), "-o", out.toString());
        Path text = Files.writeString(dir.resolve("text.h5"), "not HDF5");
        assertFails(out, "dataset " + text + " is not an HDF5 file", "train", "--train", text.toString(), "-o", out.toString());
        assertFails(out, "--engine must be fast or reference, not 'turbo'", "train", "--train", text.toString(), "--engine", "turbo", "-o", out.toString());
    }

    @Test
    void labelsThatDoNotMatchTheModelAreRefused() throws IOException {
        Path data = dir.resolve("three.h5");
        WindowDatasetWriter writer = new WindowDatasetWriter(data, List.of("a", "b", "c"), 1000);
        writer.add(SyntheticGenome.random(new Random(3), 1000).getBytes(StandardCharsets.US_ASCII), new boolean[] {true, false, true});
        writer.commit("");
        Path model = TestModels.kerasFile(dir, "convrnn");
        Path out = dir.resolve("eval");
        assertFails(out, "dataset " + data + " has 3 label columns but model convrnn has 2 outputs", "evaluate", "-m", model.toString(), "--data", data.toString(), "-o", out.toString());
    }

    @Test
    void unparsableMotifFilesAndUnknownMotifsAreRefused() throws IOException {
        Path motifs = Files.writeString(dir.resolve("bad.transfac"), "AC M1\nID M1\nP0 A C G T\n01 1 2 x 4\n//\n");
        Path out = dir.resolve("sim.h5");
        assertFails(out, "motif file " + motifs + " line 4: 'x' is not a number", "simulate", "--motifs", motifs.toString(), "-o", out.toString());
        Path good = Files.writeString(dir.resolve("good.transfac"), "AC M1\nID ONE\nP0 A C G T\n01 1 2 3 4\n02 4 3 2 1\n//\n");
        assertFails(out, "motif file " + good + " has no matrix 'GATA1'", "simulate", "--motifs", good.toString(), "--factor", "GATA1", "-o", out.toString());
        assertFails(out, "--instances wants a number or a range like 1-3, got 'many'",
                "simulate", "--motifs", good.toString(), "--instances", "many", "-o", out.toString());
    }

    @Test
    void peakFilesOnContigsTheGenomeLacksAreRefused() throws IOException {
        Path peaks = Files.writeString(dir.resolve("peaks.bed"), "1\t100\t200\n2\t300\t400\n");
        Path prefix = dir.resolve("set");
        assertFails(prefix.resolveSibling("set.train.h5"), "none of the contigs of " + peaks + " (1, 2) is in genome",
                "dataset", "-g", fasta.toString(), "--peaks", peaks.toString(), "-o", prefix.toString());
        Path broken = Files.writeString(dir.resolve("broken.bed"), "chrA\t100\n");
        assertFails(prefix.resolveSibling("set.train.h5"), broken + " line 1: a BED line needs at least 3 tab-separated columns",
                "dataset", "-g", fasta.toString(), "--peaks", broken.toString(), "-o", prefix.toString());
    }
}
