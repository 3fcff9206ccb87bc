package org.zinfer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where tests find the project, ../shared and the independent programs they check outputs with. Tests that
 * need ../shared skip when it is absent, except under CI. A missing program (python3 with numpy/h5py/pyBigWig, node, tabix)
 * skips the test on a developer's machine but fails it under CI, where .ci/run installs them all.
 */
public final class TestEnvironment {
    private TestEnvironment() {
    }

    public static Path root() {
        String root = System.getProperty("zinfer.root");
        Path path = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (path != null && !Files.isDirectory(path.resolve("formats"))) {
            path = path.getParent();
        }
        if (path == null) {
            throw new IllegalStateException("cannot find the zinfer project root");
        }
        return path;
    }

    /** A file under ../shared; without it the test is skipped, or fails under CI, which always has ../shared. */
    public static Path shared(String relative) {
        Path path = root().resolve("../shared").resolve(relative).normalize();
        String message = "../shared/" + relative + " is not here";
        if (inCi() && !Files.exists(path)) {
            fail(message + ", and CI must have it");
        }
        assumeTrue(Files.exists(path), message + "; skipping");
        return path;
    }

    public static boolean inCi() {
        return System.getenv("CI") != null;
    }

    /** Runs a program and returns its standard output; it must exit 0. */
    public static String run(List<String> command) {
        return run(command, 0).stdout();
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Result run(List<String> command, Integer expectedExit) {
        return runIn(null, command, expectedExit);
    }

    /** Runs a program in a working directory (null: this one); expectedExit null accepts any exit code. */
    public static Result runIn(Path workingDirectory, List<String> command, Integer expectedExit) {
        requireProgram(command.get(0));
        try {
            Path out = Files.createTempFile("zinfer-test", ".out");
            Path err = Files.createTempFile("zinfer-test", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            if (expectedExit != null) {
                assertEquals(expectedExit, result.exitCode(), () -> "exit code of " + command + "\nstderr: " + result.stderr());
            }
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** python3 from the system (Debian's numpy, h5py, pyBigWig, torch live there). */
    public static List<String> python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(python3(), script));
        command.addAll(List.of(args));
        return command;
    }

    public static String python3() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Skips (or, under CI, fails) when a program or Python module is missing. */
    public static void requireProgram(String program) {
        boolean found = program.contains("/") ? Files.isExecutable(Path.of(program)) : onPath(program);
        String message = program + " is not installed (run .ci/run once, or apt-get install it)";
        if (inCi() && !found) {
            fail(message);
        }
        assumeTrue(found, message);
    }

    public static void requirePythonModules(String... modules) {
        requireProgram(python3());
        List<String> command = new ArrayList<>(List.of(python3(), "-c", "import " + String.join(", ", modules)));
        boolean found;
        try {
            found = new ProcessBuilder(command).start().waitFor() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        String message = "python3 modules " + String.join(", ", modules) + " are missing (run .ci/run once)";
        if (inCi() && !found) {
            fail(message);
        }
        assumeTrue(found, message);
    }

    /** node with @gmod/bbi installed under test-support/node. */
    public static Path bbiReader() {
        Path dir = root().resolve("test-support/node");
        boolean installed = Files.isDirectory(dir.resolve("node_modules/@gmod/bbi"));
        String message = "@gmod/bbi is not installed (cd test-support/node && npm install)";
        if (inCi() && !installed) {
            fail(message);
        }
        assumeTrue(installed, message);
        requireProgram("node");
        return dir.resolve("read_bigwig.mjs");
    }

    /** node with igv.js and playwright-core installed under test-support/node, and Chromium: the igv.js check. */
    public static Path igvCheck() {
        Path dir = root().resolve("test-support/node");
        boolean installed = Files.isDirectory(dir.resolve("node_modules/igv")) && Files.isDirectory(dir.resolve("node_modules/playwright-core"));
        String message = "igv.js or playwright-core is not installed (cd test-support/node && npm install)";
        if (inCi() && !installed) {
            fail(message);
        }
        assumeTrue(installed, message);
        requireProgram("node");
        requireProgram("chromium");
        return dir.resolve("igv_check.mjs");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
