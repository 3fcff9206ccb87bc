package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan killed with SIGKILL (launcher and scoring JVM) after its first region is done and while its second is
 * half done, then run again with the same arguments, resumes and writes every byte an uninterrupted scan writes.
 */
class ScanResumeIT {
    private static final int FIRST_REGION_WINDOWS = (150_000 - 1000) / 50 + 1;
    private static final int TOTAL_WINDOWS = FIRST_REGION_WINDOWS + (500_000 - 1000) / 50 + 1;
    private static final int FACTORS = 29; // the built-in model
    @TempDir
    Path dir;

    @Test
    void aKilledScanResumesAndWritesWhatAnUninterruptedScanWrites() throws Exception {
        Map<String, String> contigs = new LinkedHashMap<>();
        Random random = new Random(21);
        contigs.put("chrA", SyntheticGenome.random(random, 150_000));
        contigs.put("chrB", SyntheticGenome.random(random, 500_000));
        Path fasta = SyntheticGenome.write(dir.resolve("genome.fa"), contigs);
        Path whole = dir.resolve("whole");
        Path resumed = dir.resolve("resumed");
        TestEnvironment.run(scan(fasta, whole), 0);

        Process first = new ProcessBuilder(scan(fasta, resumed)).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        Path log = resumed.resolve(".zinfer-scan.resume");
        long records = 0;
        for (int i = 0; i < 6000 && records < FIRST_REGION_WINDOWS + 500; i++) {
            Thread.sleep(20);
            records = Files.exists(log) ? (Files.size(log) - headerSize(log)) / (4 + 4L * FACTORS) : 0;
        }
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly().waitFor();
        records = (Files.size(log) - headerSize(log)) / (4 + 4L * FACTORS);
        assertTrue(records > FIRST_REGION_WINDOWS && records < TOTAL_WINDOWS - 1000,
                "killed after the first region, in the middle of the second: " + records + " windows logged; " + Files.readString(dir.resolve("first.log")));
        assertFalse(Files.exists(resumed.resolve("zinfer-scan.json")));

        List<String> otherStep = scan(fasta, resumed);
        otherStep.addAll(List.of("--step", "100"));
        TestEnvironment.Result refused = TestEnvironment.run(otherStep, 1);
        assertTrue(refused.stderr().contains("holds an unfinished scan of other arguments (step 50 there, 100 now)"), refused.stderr());
        assertTrue(Files.exists(log), "a refused run leaves the unfinished scan as it was");

        TestEnvironment.Result second = TestEnvironment.run(scan(fasta, resumed), 0);
        String resumedLine = second.stderr().lines().filter(l -> l.contains("resuming:")).findFirst().orElse("");
        long replayed = Long.parseLong(resumedLine.replaceAll(".*resuming: ([0-9,]+) windows.*", "$1").replace(",", ""));
        assertTrue(replayed >= records - 1 && replayed <= records, resumedLine + " vs " + records + " whole records logged");
        assertFalse(Files.exists(log), "the log goes once the scan is finished");
        assertSameFiles(whole, resumed);

        TestEnvironment.Result again = TestEnvironment.run(scan(fasta, resumed), 0);
        assertTrue(again.stderr().contains("already holds this scan, finished; nothing to do"), again.stderr());
        List<String> restart = scan(fasta, resumed);
        restart.addAll(List.of("--region", "chrA:1-20000", "--restart"));
        TestEnvironment.run(restart, 0);
        String lines = TestEnvironment.run(List.of("bash", "-c", "zcat " + resumed.resolve("ZNF143.bedGraph.gz") + " | grep -vc ^track")).trim();
        assertEquals(20_000 / 50, Integer.parseInt(lines), "the restarted scan (windows start in the region) replaced the old one");
    }

    private List<String> scan(Path fasta, Path out) {
        Path jar = TestEnvironment.root().resolve("plugin/target/zinfer.jar");
        assertTrue(Files.exists(jar), "package the jar first (mvn package)");
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "scan", "-f", fasta.toString(), "--bed-threshold", "0.5", "-o", out.toString()));
    }

    /** Magic, fingerprint length, fingerprint, factor count. */
    private static long headerSize(Path log) throws Exception {
        try (var in = new java.io.DataInputStream(Files.newInputStream(log))) {
            in.readInt();
            return 12L + in.readInt();
        } catch (java.io.EOFException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        List<String> names;
        try (Stream<Path> files = Files.list(expected)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> files = Files.list(actual)) {
            assertEquals(names, files.map(p -> p.getFileName().toString()).sorted().toList(), "the same files, no temporaries left");
        }
        assertEquals(4 * FACTORS + 3, names.size(), names.toString()); // per factor .bw, .bedGraph.gz, .tbi, .bed; manifest, two sessions
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(name)), Files.readAllBytes(actual.resolve(name)), name);
        }
    }
}
