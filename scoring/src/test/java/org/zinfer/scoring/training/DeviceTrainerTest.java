package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import org.zinfer.scoring.device.HostDevice;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.model.Parameters;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device trainer, on the plain-Java host device, computes the CPU trainer's loss and gradient (itself checked
 * against DL4J's in ConvLstmTrainerTest), follows its Adam steps, and resumes its checkpoints and the other way round.
 */
class DeviceTrainerTest {
    private static final double LEARNING_RATE = 0.01;
    private static final double BETA1 = 0.9;
    private static final long SEED = 9;

    static Stream<Architecture> networks() {
        return Stream.concat(ConvLstmTrainerTest.networks(), Stream.of(new Architecture(24, 4, List.of(
                new LayerSpec.Conv1D("c1", 5, 3, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 2, 2),
                new LayerSpec.Lstm("lstm", 6, true), new LayerSpec.Dropout("drop1", 0.5),
                new LayerSpec.Dense("d1", 5, Activation.TANH), new LayerSpec.Dropout("drop2", 0.3),
                new LayerSpec.Dense("out", 2, Activation.SIGMOID)))));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void gradientIsTheCpuTrainers(Architecture architecture) {
        ComputationGraph network = NetworkBuilder.build(architecture, 3, LEARNING_RATE, BETA1);
        Batch batch = Batch.random(architecture, 6, new Random(1));
        ConvLstmTrainer cpu = ConvLstmTrainer.of(architecture, network, LEARNING_RATE, BETA1, 1, SEED).orElseThrow();
        DeviceTrainer device = onHostDevice(architecture, network);
        double expected = cpu.gradient(batch.inputs, batch.labels, batch.count);
        double loss = device.gradient(batch.inputs, batch.labels, batch.count);
        assertEquals(expected, loss, 1e-6 * expected, "loss");
        Map<String, float[]> ours = device.gradients();
        for (Map.Entry<String, float[]> cpuGradient : cpu.gradients().entrySet()) {
            double error = relativeDifference(cpuGradient.getValue(), ours.get(cpuGradient.getKey()));
            System.out.printf("%s: max |cpu - device| / max |cpu| = %.2e%n", cpuGradient.getKey(), error);
            assertTrue(error < 1e-5, cpuGradient.getKey() + ": relative difference " + error);
        }
        assertEquals(cpu.gradients().keySet(), ours.keySet());
    }

    @ParameterizedTest
    @MethodSource("networks")
    void stepsFollowTheCpuTrainers(Architecture architecture) {
        ComputationGraph network = NetworkBuilder.build(architecture, 4, LEARNING_RATE, BETA1);
        ComputationGraph onCpu = network.clone();
        ConvLstmTrainer cpu = ConvLstmTrainer.of(architecture, onCpu, LEARNING_RATE, BETA1, 1, SEED).orElseThrow();
        DeviceTrainer device = onHostDevice(architecture, network);
        Random random = new Random(2);
        for (int step = 0; step < 5; step++) {
            Batch batch = Batch.random(architecture, 5, random);
            double expected = cpu.fit(batch.inputs, batch.labels, batch.count);
            assertEquals(expected, device.fit(batch.inputs, batch.labels, batch.count), 1e-5 * expected, "loss of step " + step);
        }
        cpu.store(onCpu);
        device.store(network);
        float[] moved = onCpu.params().sub(NetworkBuilder.build(architecture, 4, LEARNING_RATE, BETA1).params()).data().asFloat();
        assertTrue(max(moved) > 1e-3, "the steps moved the parameters");
        double difference = max(onCpu.params().sub(network.params()).data().asFloat());
        assertTrue(difference < 1e-5, "largest parameter difference after 5 steps " + difference);
        float[] cpuState = cpu.optimizerState();
        float[] deviceState = device.optimizerState();
        assertEquals(cpuState.length, deviceState.length);
        assertEquals(cpuState[0], deviceState[0], "steps");
    }

    /** Two epochs by one trainer end where one epoch by each, through a checkpoint, ends: either order. */
    @Test
    void checkpointsResumeInTheOtherTrainer(@TempDir Path dir) {
        Architecture architecture = networks().toList().get(2);
        Function<ComputationGraph, Optional<BatchTrainer>> cpu =
                n -> ConvLstmTrainer.of(architecture, n, LEARNING_RATE, BETA1, 1, SEED).map(t -> t);
        Function<ComputationGraph, Optional<BatchTrainer>> device = n -> Optional.of(onHostDevice(architecture, n));
        Checkpoint.Saved allCpu = train(architecture, dir.resolve("cpu"), cpu, cpu);
        Checkpoint.Saved allDevice = train(architecture, dir.resolve("device"), device, device);
        Checkpoint.Saved cpuThenDevice = train(architecture, dir.resolve("cpu-device"), cpu, device);
        Checkpoint.Saved deviceThenCpu = train(architecture, dir.resolve("device-cpu"), device, cpu);
        float[] expected = allCpu.network().params().data().asFloat();
        float[] start = NetworkBuilder.build(architecture, 5, LEARNING_RATE, BETA1).params().data().asFloat();
        assertTrue(maxDifference(expected, start) > 1e-2, "two epochs moved the parameters");
        for (Checkpoint.Saved other : List.of(allDevice, cpuThenDevice, deviceThenCpu)) {
            assertEquals(2, other.state().epoch());
            double difference = maxDifference(expected, other.network().params().data().asFloat());
            assertTrue(difference < 1e-4, "largest parameter difference from CPU training " + difference);
            assertEquals(allCpu.optimizer()[0], other.optimizer()[0], "Adam's steps");
            assertTrue(maxDifference(allCpu.optimizer(), other.optimizer()) < 1e-4, "Adam's moments");
        }
        assertArrayEquals(allCpu.state().history().stream().mapToDouble(EpochRecord::loss).map(l -> Math.round(l * 1e4)).toArray(),
                cpuThenDevice.state().history().stream().mapToDouble(EpochRecord::loss).map(l -> Math.round(l * 1e4)).toArray());
    }

    /** One epoch by the first trainer, then a second Trainer resuming the checkpoint with the second; returns the last checkpoint. */
    private static Checkpoint.Saved train(Architecture architecture, Path file, Function<ComputationGraph, Optional<BatchTrainer>> first,
                                          Function<ComputationGraph, Optional<BatchTrainer>> second) {
        Examples train = Batch.random(architecture, 40, new Random(7)).examples(architecture);
        Examples validation = Batch.random(architecture, 10, new Random(8)).examples(architecture);
        Checkpoint checkpoint = new Checkpoint(file);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Function<ComputationGraph, float[]> scores = n -> ConvLstmScorer.forNetwork(architecture, n, 1, 10).orElseThrow()
                .score(ConvLstmTrainerTest.channels(validation.read(0, 10).inputs(), 10, architecture.windowLength()), 10);
        for (int epochs = 1; epochs <= 2; epochs++) {
            Trainer.Settings settings = new Trainer.Settings(epochs, 8, 10, 1, 1000, Augmentation.NONE);
            ComputationGraph network = NetworkBuilder.build(architecture, 5, LEARNING_RATE, BETA1);
            new Trainer(network, train, validation, settings, checkpoint, quiet, epochs == 1 ? first : second, scores).run("test");
        }
        return checkpoint.load();
    }

    private static DeviceTrainer onHostDevice(Architecture architecture, ComputationGraph network) {
        return DeviceTrainer.of(architecture, Parameters.of(network), new HostDevice().openStream(), "host device",
                LEARNING_RATE, BETA1, SEED).orElseThrow();
    }

    private static double relativeDifference(float[] expected, float[] actual) {
        return maxDifference(expected, actual) / max(expected);
    }

    private static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double max(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** Random one-hot windows (some N) given channels first, with random 0/1 labels ({@link ConvLstmTrainerTest}'s). */
    private record Batch(int count, float[] inputs, float[] labels) {
        static Batch random(Architecture architecture, int count, Random random) {
            DataSet data = ConvLstmTrainerTest.batch(architecture, count, random);
            return new Batch(count, data.getFeatures().data().asFloat(), data.getLabels().data().asFloat());
        }

        Examples examples(Architecture architecture) {
            int length = architecture.windowLength();
            int outputs = architecture.outputs();
            return new Examples() {
                @Override
                public long size() {
                    return count;
                }

                @Override
                public int factors() {
                    return outputs;
                }

                @Override
                public long[] inputShape() {
                    return new long[] {4, length};
                }

                @Override
                public Rows read(long start, int n) {
                    int from = (int) start;
                    int to = Math.min(count, from + n);
                    return new Rows(to - from, Arrays.copyOfRange(inputs, from * 4 * length, to * 4 * length),
                            Arrays.copyOfRange(labels, from * outputs, to * outputs));
                }

                @Override
                public float[] labels() {
                    return labels.clone();
                }
            };
        }
    }
}
