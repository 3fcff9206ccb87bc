package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zinfer calibrate through the command line: a calibrated bundle that info describes, and one-line refusals. */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesACalibratedBundleAndRefusesTooFewWindows() throws IOException {
        String fasta = TestEnvironment.root().resolve("test-data/demo-genome.fa").toString();
        Path output = dir.resolve("calibrated.zinfer");
        CommandRunner.assertFails(output, "--windows must be at least 1,000", "calibrate", "-f", fasta, "--windows", "10", "-o", output.toString());
        CommandRunner.Outcome calibrate = CommandRunner.run("calibrate", "-f", fasta, "--windows", "1000", "--seed", "3",
                "--reverse-complement", "--shifts", "2", "-o", output.toString());
        assertEquals(0, calibrate.exitCode(), calibrate.stderr());
        CommandRunner.Outcome info = CommandRunner.run("info", "-m", output.toString());
        assertTrue(info.stdout().contains("calibrated:   dinucleotide-shuffled windows of demo-genome.fa, 1,000 windows (seed 3), scored with --reverse-complement --shifts 2"),
                info.stdout());
    }
}
