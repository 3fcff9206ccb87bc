package org.zinfer.scoring.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Span;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.inference.TestArchitectures;
import org.zinfer.scoring.model.FactorModel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both contribution methods compute what they claim, checked against DL4J's forward pass of the same network. */
class ContributionTest {
    private static final int LENGTH = 200;
    private final FactorModel model = TestArchitectures.randomModel(TestArchitectures.smallThesisLike(LENGTH), 23);
    /** The same network in double precision: differences of its logits resolve derivatives of 1e-5. */
    private final ComputationGraph reference = model.network().convertDataType(DataType.DOUBLE);

    /**
     * A gradient × input contribution is the derivative of the logit along "more of the base present, less of the
     * other three": compared with central differences of DL4J's logits along that direction, for a few factors
     * chosen out of order; on both strands, of the logit of the two strands' mean probability. Integrated gradients
     * over two points: the mean of those derivatives at a quarter and three quarters of the window's one-hot input.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void gradientContributionsAreDerivativesOfTheLogit(boolean bothStrands) {
        byte[] channels = TestArchitectures.channels(List.of(TestArchitectures.windows(LENGTH, 3).get(0)));
        int[] chosen = {3, 0, 4};
        for (int steps : new int[] {0, 2}) {
            float[] contributions = GradientTimesInput.of(model, chosen, 1, bothStrands, steps).orElseThrow().score(channels, 1);
            double[] scales = steps == 0 ? new double[] {1} : new double[] {0.25, 0.75};
            double error = 0;
            double norm = 0;
            double eps = 1e-4;
            for (int i = 3; i < LENGTH; i += 7) {
                for (int k = 0; k < chosen.length; k++) {
                    double difference = 0;
                    for (double scale : scales) {
                        double[] plus = probabilities(nudged(channels, i, eps, scale), bothStrands);
                        double[] minus = probabilities(nudged(channels, i, -eps, scale), bothStrands);
                        difference += (logit(plus[chosen[k]]) - logit(minus[chosen[k]])) / (2 * eps) / scales.length;
                    }
                    double computed = contributions[k * LENGTH + i];
                    error += (difference - computed) * (difference - computed);
                    norm += computed * computed;
                }
            }
            assertTrue(norm > 0);
            assertTrue(Math.sqrt(error / norm) < 1e-3, "steps " + steps + ": relative error " + Math.sqrt(error / norm));
        }
    }

    /**
     * Backpropagating only to the bases read (what explain does: each window explains the stretch it is centred
     * on) gives those bases what the whole window's backward pass gives: stretches at either end, in the middle,
     * one base wide and of different widths in one batch, one strand and both, for the thesis' layers and for odd
     * kernels with 'valid' padding, a convolution without pooling and a one-directional LSTM.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void contributionsOfAStretchAreTheWholeWindowsThere(boolean bothStrands) {
        for (FactorModel tested : List.of(model, TestArchitectures.randomModel(TestArchitectures.odd(600), 5))) {
            int length = tested.windowLength();
            List<Span> stretches = List.of(new Span(0, 7), new Span(length / 2 - 25, length / 2 + 25), new Span(length - 9, length),
                    new Span(length / 3, length / 3 + 1));
            int[] chosen = {2, 0};
            GradientTimesInput contributions = GradientTimesInput.of(tested, chosen, 1, bothStrands, 0).orElseThrow();
            byte[] channels = TestArchitectures.channels(TestArchitectures.windows(length, 3).subList(0, 3));
            float[] whole = contributions.score(channels, 3);
            float max = 0;
            for (float value : whole) {
                max = Math.max(max, Math.abs(value));
            }
            for (Span stretch : stretches) {
                Span[] read = {stretch, new Span(length / 2, length / 2 + 3), stretch};
                float[] part = contributions.score(channels, 3, read);
                for (int n = 0; n < 3; n++) {
                    for (int k = 0; k < chosen.length; k++) {
                        for (int i = read[n].from(); i < read[n].to(); i++) {
                            int at = (n * chosen.length + k) * length + i;
                            assertEquals(whole[at], part[at], 1e-5 * max, "window " + n + ", base " + i + " of " + stretch);
                        }
                    }
                }
            }
        }
    }

    /** DL4J's probabilities (double precision) for a channel-major input, or the mean of its two strands'. */
    private double[] probabilities(float[] x, boolean bothStrands) {
        float[] reverse = new float[x.length];
        for (int c = 0; c < OneHot.CHANNELS; c++) {
            for (int i = 0; i < LENGTH; i++) {
                reverse[(OneHot.CHANNELS - 1 - c) * LENGTH + LENGTH - 1 - i] = x[c * LENGTH + i];
            }
        }
        INDArray input = Nd4j.create(concat(x, reverse), new long[] {2, OneHot.CHANNELS, LENGTH}, 'c').castTo(DataType.DOUBLE);
        double[] scores = reference.output(false, input)[0].dup('c').data().asDouble();
        int factors = model.factors().size();
        double[] result = new double[factors];
        for (int f = 0; f < factors; f++) {
            result[f] = bothStrands ? (scores[f] + scores[factors + f]) / 2 : scores[f];
        }
        return result;
    }

    /** ISM: each base's value is the window's logit minus the mean logit of its three substitutions, scored one by one. */
    @Test
    void mutagenesisComparesEachBaseWithItsSubstitutions() {
        SequenceWindow window = TestArchitectures.windows(LENGTH, 4).get(0);
        byte[] channels = TestArchitectures.channels(List.of(window));
        channels[17] = -1;
        Mutants item = new Mutants(new Window("w", 0, LENGTH), channels, true, new Window("w", 0, LENGTH));
        WindowScorer scorer = ConvLstmScorer.forModel(model, 2, 64).orElseThrow();
        int factors = scorer.outputs();
        Contribution[] result = new Contribution[1];
        new ScoringEngine(scorer, LENGTH, 64).run(List.of(item).iterator(),
                (it, scores, offset) -> result[0] = InSilicoMutagenesis.of(it, scores, offset, factors, new int[] {0, 1, 2, 3, 4}),
                ProgressMeter.silent());
        float[] own = scorer.score(channels, 1);
        for (int i : new int[] {0, 50, 123, LENGTH - 1}) {
            for (int f = 0; f < factors; f++) {
                double mean = 0;
                for (int k = 0; k < 3; k++) {
                    byte[] mutant = channels.clone();
                    mutant[i] = Mutants.substitute(channels[i], k);
                    assertTrue(mutant[i] != channels[i] && mutant[i] >= 0);
                    mean += InSilicoMutagenesis.logit(scorer.score(mutant, 1)[f]) / 3;
                }
                assertEquals(InSilicoMutagenesis.logit(own[f]) - mean, result[0].value(f, i), 1e-5, "base " + i + ", factor " + f);
            }
        }
        for (int f = 0; f < factors; f++) {
            assertEquals(0f, result[0].value(f, 17), "an N contributes nothing");
        }
        Mutants stretch = new Mutants(new Window("w", 0, LENGTH), channels, true, new Window("w", 40, 130));
        assertEquals(1 + 3 * 90, stretch.windows(), "only the stretch's bases are substituted");
        Contribution whole = result[0];
        new ScoringEngine(scorer, LENGTH, 64).run(List.of(stretch).iterator(),
                (it, scores, offset) -> result[0] = InSilicoMutagenesis.of(it, scores, offset, factors, new int[] {0, 1, 2, 3, 4}),
                ProgressMeter.silent());
        for (int f = 0; f < factors; f++) {
            assertEquals(0f, result[0].value(f, 0), "bases outside the stretch are not explained");
            for (int i = 40; i < 130; i++) {
                assertEquals(whole.value(f, i), result[0].value(f, i), "base " + i + " of the stretch, factor " + f);
            }
        }
    }

    /** The window, channel-major, with position i moved eps towards its base and away from the other three. */
    /** The one-hot window times scale, nudged by eps at base i along "more of the base present, less of the others". */
    private static float[] nudged(byte[] channels, int i, double eps, double scale) {
        float[] x = GraphScorer.oneHot(channels, 1, LENGTH);
        for (int j = 0; j < x.length; j++) {
            x[j] *= (float) scale;
        }
        int ref = channels[i];
        for (int c = 0; c < OneHot.CHANNELS; c++) {
            x[c * LENGTH + i] += (float) (c == ref ? eps : -eps / 3);
        }
        return x;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = new float[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static double logit(double p) {
        return Math.log(p) - Math.log1p(-p);
    }
}
