package org.zinfer.scoring.inference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.device.HostDevice;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.keras.KerasModel;
import org.zinfer.scoring.keras.KerasModelReader;
import org.zinfer.scoring.keras.KerasParameters;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.testing.TestEnvironment;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device engine's plan, buffers and streams, run on the plain-Java {@link HostDevice}: it computes what the CPU
 * engine computes, through the scoring engine with several streams in flight, and from weights read straight
 * from a Keras file without ND4J.
 */
class DeviceScorerTest {
    private static final HostDevice HOST = new HostDevice();

    @ParameterizedTest
    @MethodSource("org.zinfer.scoring.inference.TestArchitectures#all")
    void matchesTheCpuEngineThroughTheScoringEngine(Architecture architecture) {
        FactorModel model = TestArchitectures.randomModel(architecture, 11);
        List<SequenceWindow> windows = TestArchitectures.windows(architecture.windowLength(), 4).subList(0, 13);
        WindowScorer device = DeviceScorer.of(architecture, model.parameters(), List.of(HOST, HOST), 2, 3).orElseThrow();
        assertEquals(4, device.parallelism());
        int outputs = device.outputs();
        float[] scores = new float[windows.size() * outputs];
        int[] delivered = {0};
        new ScoringEngine(device, architecture.windowLength(), 5).run(windows.iterator(),
                (window, values, offset) -> System.arraycopy(values, offset, scores, delivered[0]++ * outputs, outputs),
                ProgressMeter.silent());
        double difference = maxDifference(cpu(model, windows), scores);
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_classifictaion_convnet_on_generated_data.h5", "multilabel_classification_convrnn_on_real_data.h5"})
    void scoresAThesisModelFromItsKerasFileAlone(String file) {
        Path h5 = TestEnvironment.shared("thesis-models/" + file);
        KerasModel keras = KerasModelReader.read(h5);
        List<SequenceWindow> windows = TestArchitectures.windows(1000, 6).subList(0, 6);
        WindowScorer device = DeviceScorer.of(keras.architecture(), new KerasParameters(keras), List.of(HOST), 1, 4).orElseThrow();
        float[] scores = device.score(TestArchitectures.channels(windows), windows.size());
        double difference = maxDifference(cpu(ModelLoader.load(h5), windows), scores);
        System.out.printf("device engine (host device) vs CPU engine, %s: max difference %.3g%n", file, difference);
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    @Test
    void aBatchLargerThanTheStreamsBuffersIsScoredInBlocks() {
        Architecture architecture = TestArchitectures.smallThesisLike(300);
        FactorModel model = TestArchitectures.randomModel(architecture, 3);
        List<SequenceWindow> windows = TestArchitectures.windows(300, 8).subList(0, 9);
        WindowScorer device = DeviceScorer.of(architecture, model.parameters(), List.of(HOST), 1, 4).orElseThrow();
        double difference = maxDifference(cpu(model, windows), device.score(TestArchitectures.channels(windows), windows.size()));
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    private static float[] cpu(FactorModel model, List<SequenceWindow> windows) {
        return ConvLstmScorer.forModel(model, 1, 64).orElseThrow().score(TestArchitectures.channels(windows), windows.size());
    }

    private static double maxDifference(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
