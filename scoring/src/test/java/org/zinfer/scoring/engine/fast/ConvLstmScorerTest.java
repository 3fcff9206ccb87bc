package org.zinfer.scoring.engine.fast;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.testing.TestEnvironment;
import org.zinfer.scoring.TestWindows;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.bundle.ModelMetadata;
import org.zinfer.scoring.engine.GraphScorer;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast engine computes what DL4J's graph computes, for the thesis models and for relatives of them. */
class ConvLstmScorerTest {

    static Stream<Architecture> relatives() {
        Activation leaky = Activation.leakyRelu(0.3);
        return Stream.of(
                // thesis-like: even kernels with 'same' padding, pooling, BiLSTM, leaky Dense, sigmoid outputs
                new Architecture(1000, 4, List.of(
                        new LayerSpec.Conv1D("c1", 50, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 4, 4),
                        new LayerSpec.Conv1D("c2", 100, 4, true, Activation.RELU), new LayerSpec.MaxPool1D("p2", 4, 4),
                        new LayerSpec.Lstm("lstm", 100, true), new LayerSpec.Dense("d1", 100, leaky),
                        new LayerSpec.Dense("out", 29, Activation.SIGMOID))),
                // odd kernels, 'valid' padding, a convolution without pooling, one-directional LSTM, odd widths
                new Architecture(600, 4, List.of(
                        new LayerSpec.Conv1D("c1", 13, 7, false, Activation.TANH), new LayerSpec.MaxPool1D("p1", 3, 3),
                        new LayerSpec.Conv1D("c2", 21, 5, true, Activation.LINEAR),
                        new LayerSpec.Conv1D("c3", 17, 3, false, leaky), new LayerSpec.MaxPool1D("p3", 2, 2),
                        new LayerSpec.Lstm("lstm", 19, false), new LayerSpec.Dense("out", 3, Activation.SIGMOID))),
                // the binary CNN: three conv/pool/dropout blocks, Flatten, Dense
                new Architecture(1000, 4, List.of(
                        new LayerSpec.Conv1D("c1", 16, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 4, 4), new LayerSpec.Dropout("d", 0.1),
                        new LayerSpec.Conv1D("c2", 24, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p2", 4, 4), new LayerSpec.Dropout("e", 0.1),
                        new LayerSpec.Conv1D("c3", 32, 8, true, Activation.RELU), new LayerSpec.MaxPool1D("p3", 4, 4),
                        new LayerSpec.Flatten("f"), new LayerSpec.Dense("d1", 32, Activation.RELU), new LayerSpec.Dense("out", 1, Activation.SIGMOID))));
    }

    @ParameterizedTest
    @MethodSource("relatives")
    void matchesTheGraphOnRelatives(Architecture architecture) {
        FactorModel model = randomModel(architecture, 17);
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

    @ParameterizedTest
    @MethodSource("relatives")
    void aWindowsScoreDoesNotDependOnItsBatch(Architecture architecture) {
        FactorModel model = randomModel(architecture, 5);
        WindowScorer fast = ConvLstmScorer.forModel(model, 1, 16).orElseThrow();
        List<SequenceWindow> windows = windows(architecture.windowLength()).subList(0, 40);
        float[] together = fast.score(windows);
        int outputs = fast.outputs();
        for (int i = 0; i < windows.size(); i += 7) {
            float[] alone = fast.score(List.of(windows.get(i)));
            float[] shifted = fast.score(windows.subList(i, Math.min(windows.size(), i + 5)));
            for (int k = 0; k < outputs; k++) {
                assertEquals(together[i * outputs + k], alone[k], 0f, "window " + i + " alone");
                assertEquals(together[i * outputs + k], shifted[k], 0f, "window " + i + " first of a short batch");
            }
        }
    }

    private static FactorModel randomModel(Architecture architecture, long seed) {
        return new FactorModel(NetworkBuilder.build(architecture, seed, 1e-3, 0.9),
                new ModelMetadata("t", ModelMetadata.defaultFactorNames(architecture.outputs()), OneHot.ALPHABET,
                        architecture.windowLength(), architecture, "test", "now", "dev", null, null));
    }

    /** Scores in batches of odd sizes (the last one short) with both scorers; returns the largest difference. */
    private static double compare(FactorModel model, List<SequenceWindow> windows) {
        WindowScorer fast = ConvLstmScorer.forModel(model, 1, 37).orElseThrow();
        GraphScorer reference = new GraphScorer(model.network(), model.windowLength(), model.factors().size());
        assertEquals(reference.outputs(), fast.outputs());
        double max = 0;
        for (int from = 0; from < windows.size(); from += 37) {
            List<SequenceWindow> batch = windows.subList(from, Math.min(windows.size(), from + 37));
            float[] a = fast.score(batch);
            float[] b = reference.score(batch);
            assertEquals(b.length, a.length);
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
        }
        return max;
    }

    private static List<SequenceWindow> windows(int length) {
        Map<String, String> sequences = new TestWindows(3).random(60).withUnknownBases(30).repeats(30).windows();
        List<SequenceWindow> windows = new ArrayList<>();
        for (Map.Entry<String, String> e : sequences.entrySet()) {
            byte[] bases = e.getValue().substring(0, length).getBytes(StandardCharsets.US_ASCII);
            windows.add(new SequenceWindow(new Window(e.getKey(), 0, length), bases, 0));
        }
        return windows;
    }
}
