package org.zinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs zinfer command lines in this JVM, capturing what they print. */
final class CommandRunner {
    record Outcome(int exitCode, String stdout, String stderr) {
    }

    private CommandRunner() {
    }

    static Outcome run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    /** Asserts a one-line error containing 'expected', a non-zero exit, and nothing left at output (file or directory). */
    static void assertFails(Path output, String expected, String... args) throws IOException {
        CommandRunner.Outcome outcome = CommandRunner.run(args);
        assertNotEquals(0, outcome.exitCode());
        String error = outcome.stderr().lines().filter(l -> l.startsWith("zinfer: error:")).findFirst().orElse("");
        assertTrue(error.contains(expected), "stderr was: " + outcome.stderr());
        assertEquals(1, outcome.stderr().lines().filter(l -> l.startsWith("zinfer: error:") || l.startsWith("\tat ")).count(), outcome.stderr());
        if (Files.isDirectory(output)) {
            try (var files = Files.list(output)) {
                assertEquals(0, files.count(), "no output in " + output);
            }
        } else {
            assertFalse(Files.exists(output), output + " must not exist");
            try (var files = Files.list(output.getParent())) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("." + output.getFileName())), "no temporary file");
            }
        }
    }

}
