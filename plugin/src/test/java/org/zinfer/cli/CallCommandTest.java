package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.BigWigReaders;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * calibrate → scan → call on the demo genome with the built-in model: narrowPeak files that tabix reads, sites
 * that do not overlap, most of them at an implanted site of their factor, and -log10 p tracks that agree with them.
 */
class CallCommandTest {
    @TempDir
    Path dir;

    @Test
    void callsSitesNearTheImplantedOnes() throws IOException {
        String fasta = TestEnvironment.root().resolve("test-data/demo-genome.fa").toString();
        Path calibrated = dir.resolve("calibrated.zinfer");
        assertEquals(0, CommandRunner.run("calibrate", "-f", fasta, "--windows", "3000", "-o", calibrated.toString()).exitCode());
        Path scan = dir.resolve("scan");
        assertEquals(0, CommandRunner.run("scan", "-f", fasta, "-o", scan.toString()).exitCode());
        Path calls = dir.resolve("calls");
        CommandRunner.assertFails(calls, "has no calibration; make one with zinfer calibrate", "call", "--scan", scan.toString(), "-o", calls.toString());
        Path bothStrands = dir.resolve("both");
        assertEquals(0, CommandRunner.run("scan", "-f", fasta, "--region", "chrDemo2:1-3000", "--reverse-complement", "-o", bothStrands.toString()).exitCode());
        CommandRunner.assertFails(calls, "was scanned with --reverse-complement but the calibration made with neither --reverse-complement nor --shifts",
                "call", "--scan", bothStrands.toString(), "-m", calibrated.toString(), "-o", calls.toString());
        CommandRunner.Outcome call = CommandRunner.run("call", "--scan", scan.toString(), "-m", calibrated.toString(), "-o", calls.toString());
        assertEquals(0, call.exitCode(), call.stderr());

        List<String[]> sites = Files.readAllLines(TestEnvironment.root().resolve("test-data/demo-genome.sites.bed")).stream()
                .map(l -> l.split("\t")).toList();
        TestEnvironment.requireProgram("tabix");
        int called = 0;
        int near = 0;
        for (String factor : List.of("ZNF143", "CTCF", "Yy1", "REST", "EGR1", "ZNF263", "ZNF384", "ZNF740")) {
            Path peaks = calls.resolve(factor + ".narrowPeak.gz");
            assertTrue(Files.exists(Path.of(peaks + ".tbi")), factor);
            List<String> lines = new ArrayList<>();
            for (String contig : List.of("chrDemo1", "chrDemo2")) {
                lines.addAll(TestEnvironment.run(List.of("tabix", peaks.toString(), contig)).lines().toList());
            }
            String previousContig = "";
            int previousEnd = -1;
            for (String line : lines) {
                String[] x = line.split("\t");
                assertEquals(10, x.length, line);
                int start = Integer.parseInt(x[1]);
                assertTrue(!x[0].equals(previousContig) || start >= previousEnd, "sorted, not overlapping: " + line);
                previousContig = x[0];
                previousEnd = Integer.parseInt(x[2]);
                int summit = start + Integer.parseInt(x[9]);
                assertTrue(Double.parseDouble(x[8]) >= -Math.log10(0.05) - 1e-9, "q at most 0.05: " + line);
                called++;
                near += sites.stream().anyMatch(s -> s[3].equals(factor) && s[0].equals(x[0])
                        && Math.abs((Integer.parseInt(s[1]) + Integer.parseInt(s[2])) / 2 - summit) <= 500) ? 1 : 0;
                assertEquals(Double.parseDouble(x[7]), maxOver(pValues(calls, factor), x[0], start, Integer.parseInt(x[2])), 0.01,
                        "the site's -log10 p is its best window's in FACTOR.pval.bw: " + line);
            }
        }
        assertTrue(called >= 3, "some sites called: " + called + "\n" + call.stderr());
        List<BigWigReaders.Interval> ctcf = pValues(calls, "CTCF");
        assertEquals(TestEnvironment.run(List.of("bash", "-c", "zcat " + scan.resolve("CTCF.bedGraph.gz") + " | grep -vc ^track")).trim(),
                String.valueOf(ctcf.size()), "one -log10 p per window, over the stretch of the scan's track");
        assertTrue(ctcf.stream().allMatch(i -> i.value() >= 0), "p-values at most 1");
        System.err.println(near + " of " + called + " calls within 500 nt of an implanted site of their factor");
        assertTrue(near >= 0.75 * called, near + " of " + called + " calls within 500 nt of an implanted site of their factor");
    }

    private final java.util.Map<String, List<BigWigReaders.Interval>> read = new java.util.HashMap<>();

    /** FACTOR.pval.bw as pyBigWig reads it. */
    private List<BigWigReaders.Interval> pValues(Path calls, String factor) {
        return read.computeIfAbsent(factor, f -> BigWigReaders.intervals(BigWigReaders.pyBigWig(calls.resolve(f + ".pval.bw"))));
    }

    private static double maxOver(List<BigWigReaders.Interval> intervals, String contig, int start, int end) {
        return intervals.stream().filter(i -> i.contig().equals(contig) && i.start() < end && i.end() > start)
                .mapToDouble(BigWigReaders.Interval::value).max().orElse(Double.NaN);
    }
}
