package org.zinfer.scoring.inference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast engine computes what DL4J's graph computes, for the thesis models and for relatives of them. */
class ConvLstmScorerTest {

    static Stream<Architecture> relatives() {
        return TestArchitectures.all();
    }

    @ParameterizedTest
    @MethodSource("relatives")
    void matchesTheGraphOnRelatives(Architecture architecture) {
        FactorModel model = TestArchitectures.randomModel(architecture, 17);
        double difference = compare(model, windows(architecture.windowLength()));
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_classifictaion_convnet_on_generated_data.h5", "binary_classification_convrnn_on_generated_data.h5",
            "multilabel_classification_convrnn_on_generated_data.h5", "multilabel_classification_convrnn_on_real_data.h5"})
    void matchesTheGraphOnThesisModels(String file) {
        FactorModel model = ModelLoader.load(TestEnvironment.shared("thesis-models/" + file));
        double difference = compare(model, windows(1000));
        System.out.printf("fast engine vs DL4J graph, %s: max difference %.3g%n", file, difference);
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    /** In one warm JVM; EngineDeterminismTest does the same across fresh JVMs and JIT tiers. */
    @ParameterizedTest
    @MethodSource("relatives")
    void aWindowsScoreDoesNotDependOnItsBatchOrThread(Architecture architecture) {
        FactorModel model = TestArchitectures.randomModel(architecture, 5);
        List<SequenceWindow> windows = windows(architecture.windowLength()).subList(0, 40);
        float[] together = ConvLstmScorer.forModel(model, 1, 16).orElseThrow().score(TestArchitectures.channels(windows), windows.size());
        WindowScorer twoThreads = ConvLstmScorer.forModel(model, 2, 7).orElseThrow();
        int outputs = twoThreads.outputs();
        float[] engine = new float[together.length];
        int[] delivered = {0};
        new ScoringEngine(twoThreads, architecture.windowLength(), 7).run(windows.iterator(),
                (window, scores, offset) -> System.arraycopy(scores, offset, engine, delivered[0]++ * outputs, outputs),
                ProgressMeter.silent());
        for (int i = 0; i < windows.size(); i++) {
            float[] alone = twoThreads.score(TestArchitectures.channels(List.of(windows.get(i))), 1);
            List<SequenceWindow> five = windows.subList(i, Math.min(windows.size(), i + 5));
            float[] shifted = twoThreads.score(TestArchitectures.channels(five), five.size());
            for (int k = 0; k < outputs; k++) {
                int bits = Float.floatToRawIntBits(together[i * outputs + k]);
                assertEquals(bits, Float.floatToRawIntBits(alone[k]), "window " + i + " alone");
                assertEquals(bits, Float.floatToRawIntBits(shifted[k]), "window " + i + " first of a short batch");
                assertEquals(bits, Float.floatToRawIntBits(engine[i * outputs + k]), "window " + i + " in batches of 7 on 2 threads");
            }
        }
    }

    /**
     * Windows of a scan overlap and copy the convolution rows they share (SharedRows): at every step, each
     * window's score is still the bits of the window scored alone, where nothing is shared.
     */
    @ParameterizedTest
    @MethodSource("relatives")
    void overlappingWindowsScoreAsTheyDoAlone(Architecture architecture) {
        WindowScorer scorer = randomScorer(architecture, 9);
        for (int step : new int[] {0, 1, 3, 4, 16, 50, 64, 250}) {
            List<SequenceWindow> windows = TestArchitectures.tiled(architecture.windowLength(), step, 20, step);
            assertScoresAsAlone(scorer, TestArchitectures.channels(windows), windows.size(), "step " + step);
        }
    }

    /** As scan --reverse-complement lays them out: each window, then its reverse complement. */
    @ParameterizedTest
    @MethodSource("relatives")
    void bothStrandsOfOverlappingWindowsScoreAsTheyDoAlone(Architecture architecture) {
        WindowScorer scorer = randomScorer(architecture, 10);
        int length = architecture.windowLength();
        for (int step : new int[] {4, 48}) {
            byte[] forward = TestArchitectures.channels(TestArchitectures.tiled(length, step, 12, step));
            assertScoresAsAlone(scorer, TestArchitectures.bothStrands(forward, length), 24, "both strands, step " + step);
        }
    }

    /** As variants and in-silico mutagenesis lay them out: a window, then copies with a base or a stretch changed. */
    @ParameterizedTest
    @MethodSource("relatives")
    void windowsWithChangedBasesScoreAsTheyDoAlone(Architecture architecture) {
        WindowScorer scorer = randomScorer(architecture, 11);
        int length = architecture.windowLength();
        byte[] window = TestArchitectures.channels(TestArchitectures.tiled(length, 0, 1, 6));
        int[][] changes = {{0, 1}, {1, 1}, {length / 2, 1}, {length / 2, 1}, {length / 2 + 1, 3}, {length - 1, 1},
                {length - 40, 40}, {length / 3, length / 2}, {7, 1}};
        byte[] all = new byte[(changes.length + 1) * length];
        System.arraycopy(window, 0, all, 0, length);
        for (int n = 0; n < changes.length; n++) {
            int at = (n + 1) * length;
            System.arraycopy(window, 0, all, at, length);
            for (int p = changes[n][0]; p < changes[n][0] + changes[n][1]; p++) {
                all[at + p] = (byte) (n == 3 ? -1 : (window[p] + 1 + n % 3) % 4);
            }
        }
        assertScoresAsAlone(scorer, all, changes.length + 1, "changed bases");
    }

    private static WindowScorer randomScorer(Architecture architecture, long seed) {
        return ConvLstmScorer.forModel(TestArchitectures.randomModel(architecture, seed), 1, 64).orElseThrow();
    }

    private static void assertScoresAsAlone(WindowScorer scorer, byte[] channels, int count, String what) {
        int outputs = scorer.outputs();
        int length = channels.length / count;
        float[] together = scorer.score(channels, count);
        for (int i = 0; i < count; i++) {
            float[] alone = scorer.score(java.util.Arrays.copyOfRange(channels, i * length, (i + 1) * length), 1);
            for (int k = 0; k < outputs; k++) {
                assertEquals(Float.floatToRawIntBits(alone[k]), Float.floatToRawIntBits(together[i * outputs + k]),
                        what + ", window " + i + ", output " + k);
            }
        }
    }

    /** Scores in batches of odd sizes (the last one short) with both scorers; returns the largest difference. */
    private static double compare(FactorModel model, List<SequenceWindow> windows) {
        WindowScorer fast = ConvLstmScorer.forModel(model, 1, 37).orElseThrow();
        GraphScorer reference = new GraphScorer(model.network(), model.windowLength(), model.factors().size());
        assertEquals(reference.outputs(), fast.outputs());
        double max = 0;
        for (int from = 0; from < windows.size(); from += 37) {
            List<SequenceWindow> batch = windows.subList(from, Math.min(windows.size(), from + 37));
            byte[] channels = TestArchitectures.channels(batch);
            float[] a = fast.score(channels, batch.size());
            float[] b = reference.score(channels, batch.size());
            assertEquals(b.length, a.length);
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
        }
        return max;
    }

    private static List<SequenceWindow> windows(int length) {
        return TestArchitectures.windows(length, 3);
    }
}
