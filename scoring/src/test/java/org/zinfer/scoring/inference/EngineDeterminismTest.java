package org.zinfer.scoring.inference;

import org.junit.jupiter.api.Test;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A window's score is the same bits in every JVM that computes it: fresh JVMs that interpret only (-Xint),
 * compile with C1 only, or run C2-compiled code after warm-up, and JVMs limited to 256- and 128-bit vectors
 * (what other CPUs have), each scoring the same windows with 1 and 2 threads and batches of 1, 7, 16 and 256
 * ({@link ScoreBits}). Raw float bits are compared, not values within a tolerance.
 */
class EngineDeterminismTest {
    private static final Pattern C2_COMPILED_PRODUCT =
            Pattern.compile("(?m)^.*\\s4\\s+org\\.zinfer\\.scoring\\.kernels\\.OrderedProduct::fourRowsTwoVectors.*$");

    private static final String PRINT_COMPILATION = "-XX:+PrintCompilation";

    private record Mode(String name, List<String> jvmOptions, int warmUpRounds) {
    }

    @Test
    void scoresAreTheSameBitsInEveryJvmModeThreadCountAndBatchSize() {
        List<Mode> modes = List.of(
                new Mode("interpreter", List.of("-Xint"), 0),
                new Mode("C1", List.of("-XX:TieredStopAtLevel=1"), 0),
                new Mode("C2 after warm-up", List.of(PRINT_COMPILATION, "-XX:+DisplayVMOutputToStderr"), 30),
                new Mode("256-bit vectors", List.of("-XX:MaxVectorSize=32"), 5),
                new Mode("128-bit vectors", List.of("-XX:MaxVectorSize=16"), 5));
        Map<String, String> reference = null;
        String referenceName = null;
        for (Mode mode : modes) {
            TestEnvironment.Result result = run(mode);
            String scoring = result.stdout().substring(result.stdout().indexOf(ScoreBits.SCORING));
            if (mode.jvmOptions().contains(PRINT_COMPILATION)) {
                String warmUp = result.stderr().substring(0, Math.max(0, result.stderr().indexOf(ScoreBits.SCORING)));
                assertTrue(C2_COMPILED_PRODUCT.matcher(warmUp).find(), "the product kernel was not C2-compiled during warm-up");
            }
            Map<String, String> bits = bitsByWindow(scoring, mode.name());
            System.out.printf("%s: %s, %d windows x configurations, all equal%n", mode.name(),
                    scoring.lines().filter(l -> l.startsWith("vector bits")).findFirst().orElse("?"), bits.size());
            if (reference == null) {
                reference = bits;
                referenceName = mode.name();
            } else {
                assertEquals(reference, bits, mode.name() + " vs " + referenceName);
            }
        }
    }

    /**
     * "model M window W" to its scores' bits; every thread count and batch size of one JVM must agree on them.
     */
    private static Map<String, String> bitsByWindow(String scoring, String mode) {
        Map<String, String> bits = new LinkedHashMap<>();
        int lines = 0;
        for (String line : scoring.lines().filter(l -> l.startsWith("model ")).toList()) {
            String[] parts = line.split(":", 2);
            String[] words = parts[0].split(" ");
            String key = "model " + words[1] + " window " + words[7];
            String previous = bits.putIfAbsent(key, parts[1]);
            assertTrue(previous == null || previous.equals(parts[1]),
                    () -> mode + ": " + parts[0] + " differs from the same window with other threads or batch");
            lines++;
        }
        assertEquals(2 * 17 * 2 * 4, lines, mode + ": 2 models x 17 windows x 2 thread counts x 4 batch sizes");
        return bits;
    }

    private static TestEnvironment.Result run(Mode mode) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(mode.jvmOptions());
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ScoreBits.class.getName(), "1,2", "1,7,16,256", String.valueOf(mode.warmUpRounds())));
        return TestEnvironment.run(command, 0);
    }
}
