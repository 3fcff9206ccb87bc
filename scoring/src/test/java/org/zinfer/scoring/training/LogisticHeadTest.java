package org.zinfer.scoring.training;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.testing.TestEnvironment;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticHeadTest {
    private static final int WIDTH = HeadFitBits.WIDTH;
    private static final int FACTORS = HeadFitBits.FACTORS;

    /**
     * The optimum of mean cross-entropy + (l2 / 2) |w|²: its gradient, computed here from the scores alone, vanishes
     * (the bias's without the penalty), for a weak and a nearly separable factor, from zero and from a warm start.
     */
    @Test
    void fitsTheExactPenalisedOptimum() {
        FeatureExamples examples = HeadFitBits.examples(3000, 1);
        for (double l2 : new double[] {0.001, 0.1}) {
            LogisticHead cold = LogisticHead.fit(examples, l2, 2);
            LogisticHead warm = LogisticHead.fit(examples, 1.0, 1).refit(examples, l2, 2);
            for (LogisticHead head : List.of(cold, warm)) {
                float[] scores = head.scores(examples);
                for (int f = 0; f < FACTORS; f++) {
                    double[] gradient = new double[WIDTH + 1];
                    for (int i = 0; i < examples.size(); i++) {
                        double residual = scores[i * FACTORS + f] - examples.labels()[i * FACTORS + f];
                        for (int j = 0; j < WIDTH; j++) {
                            gradient[j] += residual * examples.features()[i * WIDTH + j] / examples.size();
                        }
                        gradient[WIDTH] += residual / examples.size();
                    }
                    double[] weights = head.coefficients(f);
                    for (int j = 0; j < WIDTH; j++) {
                        gradient[j] += l2 * weights[j];
                    }
                    for (double g : gradient) {
                        assertEquals(0, g, 2e-6, "l2 " + l2 + ", factor " + f);
                    }
                }
            }
            assertArrayEquals(cold.coefficients(1), warm.coefficients(1), 1e-4, "the same optimum from zero and from a warm start");
        }
    }

    @Test
    void aStrongerPenaltyShrinksTheWeights() {
        FeatureExamples examples = HeadFitBits.examples(2000, 2);
        double previous = Double.MAX_VALUE;
        for (double l2 : HeadFits.PENALTIES) {
            double norm = 0;
            double[] weights = LogisticHead.fit(examples, l2, 1).coefficients(1);
            for (int j = 0; j < WIDTH; j++) {
                norm += weights[j] * weights[j];
            }
            assertTrue(norm > 0, "the signal moves the weights");
            assertTrue(previous == Double.MAX_VALUE || norm > previous, "weaker penalty " + l2 + ", larger weights: " + norm + " vs " + previous);
            previous = norm;
        }
    }

    /** The penalty with the lowest validation loss is kept. */
    @Test
    void choosesThePenaltyByValidationLoss() {
        FeatureExamples train = HeadFitBits.examples(400, 3);
        FeatureExamples validation = HeadFitBits.examples(2000, 4);
        HeadFits fits = HeadFits.of(train, validation, null, 2, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(HeadFits.PENALTIES.length, fits.all().size());
        double lowest = fits.all().stream().mapToDouble(HeadFits.Fit::validationLoss).min().orElseThrow();
        assertEquals(lowest, fits.chosen().validationLoss(), 0);
        assertTrue(fits.chosen().validationAuc() > 0.7, "the signal is found: " + fits.chosen());
        assertEquals(fits.chosen().validationLoss(), FactorMetrics.crossEntropy(fits.best().scores(validation), validation.labels()), 0,
                "the head kept is the chosen fit");

        HeadFits fixed = HeadFits.of(train, validation, 0.05, 1, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(List.of(0.05), fixed.all().stream().map(HeadFits.Fit::l2).toList());
        InputException refused = assertThrows(InputException.class, () -> HeadFits.of(train, validation, 0.0, 1, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(refused.getMessage().contains("--head-l2 must be above 0"), refused.getMessage());
    }

    /** The same bits in fresh JVMs that interpret only, compile with C1 only, or run C2 code after warm-up. */
    @Test
    void fitsTheSameBitsInEveryJvmMode() {
        String reference = null;
        for (JvmMode mode : List.of(new JvmMode(List.of("-Xint"), 0), new JvmMode(List.of("-XX:TieredStopAtLevel=1"), 0), new JvmMode(List.of(), 30))) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(mode.options());
            command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    HeadFitBits.class.getName(), String.valueOf(mode.warmUpFits())));
            String bits = TestEnvironment.run(command, 0).stdout();
            List<String> lines = bits.lines().toList();
            assertEquals(2 * FACTORS, lines.size(), bits);
            assertEquals(lines.subList(0, FACTORS), lines.subList(FACTORS, 2 * FACTORS), mode + ": one thread and two");
            if (reference == null) {
                reference = bits;
            } else {
                assertEquals(reference, bits, mode + " against -Xint");
            }
        }
    }

    /** JVM options and how many fits warm it up before the fit that is printed (30: C2 code by then). */
    private record JvmMode(List<String> options, int warmUpFits) {
    }
}
