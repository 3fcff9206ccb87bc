package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.SyntheticGenome;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar as users run it: java -jar zinfer.jar, relaunching itself with passive OpenMP waiting. */
class PackagedJarIT {
    @TempDir
    Path dir;

    private TestEnvironment.Result zinfer(Integer expectedExit, String... args) {
        return zinfer(List.of(), expectedExit, args);
    }

    private TestEnvironment.Result zinfer(List<String> jvmOptions, Integer expectedExit, String... args) {
        Path jar = TestEnvironment.root().resolve("plugin/target/zinfer.jar");
        assertTrue(Files.exists(jar), "package the jar first (mvn package)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        return TestEnvironment.run(command, expectedExit);
    }

    @Test
    void importsScansAndReportsBackendAndThreads() {
        TestEnvironment.requirePythonModules("numpy", "h5py");
        Path keras = dir.resolve("model.h5");
        TestEnvironment.run(TestEnvironment.python(TestEnvironment.root().resolve("test-support/python/make_keras_file.py").toString(),
                keras.toString(), "convrnn"));
        Path bundle = dir.resolve("model.zinfer");
        zinfer(0, "import", "-k", keras.toString(), "-o", bundle.toString(), "--factors", "ZNF1,ZNF2");
        Path fasta = SyntheticGenome.write(dir.resolve("g.fa"), Map.of("chr1", SyntheticGenome.random(new Random(4), 8000)));
        TestEnvironment.Result scan = zinfer(0, "scan", "-m", bundle.toString(), "-f", fasta.toString(), "-o", dir.resolve("out").toString());
        assertTrue(scan.stderr().contains("ND4J backend CPU"), scan.stderr());
        // the packaged jar's engine runs one worker per core unless told otherwise
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(scan.stderr().contains(", " + cores + " worker thread(s)"), scan.stderr());
        TestEnvironment.Result one = zinfer(0, "scan", "-m", bundle.toString(), "-f", fasta.toString(), "-o", dir.resolve("one").toString(), "--threads", "1");
        assertTrue(one.stderr().contains(", 1 worker thread(s)"), one.stderr());
        assertTrue(Files.exists(dir.resolve("out/ZNF1.bw")));
        assertTrue(Files.exists(dir.resolve("out/ZNF2.bedGraph.gz.tbi")));
        assertTrue(zinfer(0, "info", "-m", bundle.toString()).stdout().contains("factors:      2 (ZNF1, ZNF2)"));
    }

    @Test
    void errorsAreOneLineWithoutStackTrace() {
        TestEnvironment.Result result = zinfer(null, "scan", "-m", dir.resolve("none.zinfer").toString(), "-f", "x.fa", "-o", dir.toString());
        assertEquals(1, result.exitCode());
        assertEquals("zinfer: error: model file not found: " + dir.resolve("none.zinfer"), result.stderr().strip());
    }

    @Test
    void printsItsVersion() {
        assertTrue(zinfer(0, "--version").stdout().startsWith("zinfer 0."));
    }

    @Test
    void aScanLeavesAClassArchiveThatLaterRunsMapWithoutChangingTheirOutput() throws Exception {
        Path cache = dir.resolve("cache");
        List<String> archiveIn = List.of("-Dzinfer.classArchive.directory=" + cache);
        Path fasta = SyntheticGenome.write(dir.resolve("g.fa"), Map.of("chr1", SyntheticGenome.random(new Random(5), 3000)));
        TestEnvironment.Result first = zinfer(archiveIn, 0, "scan", "-f", fasta.toString(), "-o", dir.resolve("a").toString());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".jsa")).count(), "the first scan writes the archive");
        }
        TestEnvironment.Result second = zinfer(archiveIn, 0, "scan", "-f", fasta.toString(), "-o", dir.resolve("b").toString());
        assertEquals(withoutTimes(first.stderr(), dir.resolve("a")), withoutTimes(second.stderr(), dir.resolve("b")), "no notices from the JVM");
        for (String track : List.of("CTCF.bw", "CTCF.bedGraph.gz")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(track)), Files.readAllBytes(dir.resolve("b").resolve(track)), track);
        }
        assertTrue(zinfer(archiveIn, 0, "--version").stdout().matches("zinfer \\S+\\R"), "stdout is the command's alone");
    }

    private static List<String> withoutTimes(String log, Path out) {
        return log.replace(out.toString(), "OUT").lines().map(l -> l.replaceAll("[\\d.,]+ (s|windows/s)\\b", "#")).toList();
    }
}
