package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zinfer motifs with the built-in model, whose 29 factors were trained on known JASPAR matrices. */
class MotifsCommandTest {
    @TempDir
    Path dir;

    /**
     * The MEME and TRANSFAC files hold the same 29 matrices, and a second run matched against the first run's
     * matrices finds each factor's own, on the same strand and offset: the method is deterministic and the
     * comparison finds identity.
     */
    @Test
    void writesEveryFactorsMatrixAndMatchesItself() throws IOException {
        Path first = run("first", "--windows", "2000", "--top", "30");
        List<MotifMatrix> learned = TransfacReader.read(first.resolve("motifs.transfac"));
        assertEquals(29, learned.size());
        List<String> meme = Files.readAllLines(first.resolve("motifs.meme"));
        assertEquals(29, meme.stream().filter(l -> l.startsWith("MOTIF ")).count());
        for (MotifMatrix matrix : learned) {
            assertTrue(meme.contains("MOTIF " + matrix.id() + " " + matrix.name()), matrix.id());
            assertTrue(meme.contains("letter-probability matrix: alength= 4 w= " + matrix.length()), matrix.id());
            assertTrue(Files.size(first.resolve(matrix.name() + ".logo.png")) > 1000, matrix.name());
        }
        Path second = run("second", "--windows", "2000", "--top", "30", "--jaspar", first.resolve("motifs.transfac").toString());
        assertArrayEquals(Files.readAllBytes(first.resolve("motifs.transfac")), Files.readAllBytes(second.resolve("motifs.transfac")));
        for (String[] match : matches(second)) {
            if (match[1].equals("1")) {
                assertEquals(match[0], match[2], "a learned matrix's best match is itself");
                assertEquals("0\t+", match[6] + "\t" + match[7]);
            }
        }
    }

    /** The must-show of the learned-motif work, kept: the factor's own matrix among the 3 best of JASPAR's 879 for >= 24 of 29. */
    @Test
    void recoversTheTrainingMatricesFromJaspar() throws IOException {
        Path jaspar = TestEnvironment.shared("motifs/JASPAR2024_CORE_vertebrates_non-redundant.transfac");
        Path out = run("jaspar", "--windows", "10000", "--top", "50", "--jaspar", jaspar.toString());
        String args = Files.readString(TestEnvironment.root().resolve("test-data/znf29.args"));
        List<String> ids = Arrays.asList(args.substring(args.indexOf("--factor=") + 9).strip().split(","));
        Map<String, String> own = new HashMap<>();
        for (MotifMatrix matrix : TransfacReader.read(jaspar)) {
            if (ids.contains(matrix.id())) {
                own.put(matrix.name(), matrix.id());
            }
        }
        assertEquals(29, own.size());
        long found = matches(out).stream().filter(m -> Integer.parseInt(m[1]) <= 3 && m[2].equals(own.get(m[0]))).count();
        assertTrue(found >= 24, found + " of 29 factors have their own matrix among the 3 best matches");
    }

    @Test
    void refusesAnUnknownMethod() throws IOException {
        CommandRunner.assertFails(dir.resolve("bad"), "--method must be seqlets or dream, not shap",
                "motifs", "--method", "shap", "-o", dir.resolve("bad").toString());
        CommandRunner.assertFails(dir.resolve("top"), "--top must be at least 1 and at most --windows, got 50 of 10",
                "motifs", "--windows", "10", "--top", "50", "-o", dir.resolve("top").toString());
    }

    private Path run(String name, String... args) {
        Path out = dir.resolve(name);
        String[] command = new String[args.length + 3];
        command[0] = "motifs";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "-o";
        command[args.length + 2] = out.toString();
        CommandRunner.Outcome outcome = CommandRunner.run(command);
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        return out;
    }

    private static List<String[]> matches(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("matches.tsv"));
        assertEquals("factor\trank\ttarget_id\ttarget_name\tscore\tp_value\toffset\tstrand\toverlap", lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split("\t")).toList();
    }
}
