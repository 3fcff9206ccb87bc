package org.zinfer.scoring.training;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPU trainer's loss, gradient and Adam step are DL4J's, on networks of the thesis' form and relatives. */
class ConvLstmTrainerTest {
    static Stream<Architecture> networks() {
        return Stream.of(
                new Architecture(40, 4, List.of(
                        new LayerSpec.Conv1D("c1", 6, 4, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 2, 2),
                        new LayerSpec.Conv1D("c2", 5, 3, false, Activation.RELU), new LayerSpec.MaxPool1D("p2", 2, 2),
                        new LayerSpec.Lstm("lstm", 7, true), new LayerSpec.Dense("d1", 6, Activation.leakyRelu(0.3)),
                        new LayerSpec.Dense("out", 3, Activation.SIGMOID))),
                new Architecture(31, 4, List.of(
                        new LayerSpec.Conv1D("c1", 5, 5, false, Activation.TANH),
                        new LayerSpec.Conv1D("c2", 4, 2, true, Activation.LINEAR), new LayerSpec.MaxPool1D("p2", 3, 3),
                        new LayerSpec.Lstm("lstm", 6, false), new LayerSpec.Dense("out", 2, Activation.SIGMOID))));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void gradientIsDl4js(Architecture architecture) {
        ComputationGraph network = NetworkBuilder.build(architecture, 3, 0.01, 0.9);
        int batch = 6;
        DataSet data = batch(architecture, batch, new Random(1));
        ConvLstmTrainer trainer = ConvLstmTrainer.of(architecture, network, 0.01, 0.9, 1, 1).orElseThrow();
        double loss = trainer.gradient(data.getFeatures().data().asFloat(), data.getLabels().data().asFloat(), batch);

        network.setInputs(data.getFeatures());
        network.setLabels(data.getLabels());
        network.computeGradientAndScore();
        assertEquals(network.score(), loss, 1e-5 * Math.abs(loss), "loss");
        Gradient expected = network.gradient();
        for (Map.Entry<String, float[]> entry : trainer.gradients().entrySet()) {
            float[] dl4j = expected.getGradientFor(entry.getKey()).dup('c').data().asFloat();
            assertClose(dl4j, entry.getValue(), batch, entry.getKey());
        }
    }

    @ParameterizedTest
    @MethodSource("networks")
    void adamStepsAsDl4jDoes(Architecture architecture) {
        ComputationGraph network = NetworkBuilder.build(architecture, 4, 0.01, 0.9);
        ComputationGraph copy = network.clone();
        ConvLstmTrainer trainer = ConvLstmTrainer.of(architecture, copy, 0.01, 0.9, 1, 1).orElseThrow();
        Random random = new Random(2);
        for (int step = 0; step < 3; step++) {
            DataSet data = batch(architecture, 5, random);
            network.fit(data);
            trainer.fit(data.getFeatures().data().asFloat(), data.getLabels().data().asFloat(), 5);
        }
        trainer.store(copy);
        INDArray difference = network.params().sub(copy.params());
        double max = difference.amaxNumber().doubleValue();
        assertTrue(max < 1e-5, "largest parameter difference after 3 steps " + max);
        assertTrue(network.params().sub(NetworkBuilder.build(architecture, 4, 0.01, 0.9).params()).amaxNumber().doubleValue() > 1e-3,
                "the steps moved the parameters");
    }

    /**
     * With dropout the masks are drawn from the trainer's seed, so DL4J cannot draw the same ones; instead
     * the gradient is checked against finite differences of the loss under the same masks (a fresh trainer
     * with the same seed draws the same masks), and outputs outside training (the inference engine's, which
     * validation uses) against DL4J's.
     */
    @org.junit.jupiter.api.Test
    void dropoutBeforeDenseLayers() {
        Architecture architecture = new Architecture(24, 4, List.of(
                new LayerSpec.Conv1D("c1", 5, 3, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 2, 2),
                new LayerSpec.Lstm("lstm", 6, true), new LayerSpec.Dropout("drop1", 0.5),
                new LayerSpec.Dense("d1", 5, Activation.leakyRelu(0.3)), new LayerSpec.Dropout("drop2", 0.3),
                new LayerSpec.Dense("out", 2, Activation.SIGMOID)));
        ComputationGraph network = NetworkBuilder.build(architecture, 6, 0.01, 0.9);
        DataSet data = batch(architecture, 4, new Random(3));
        float[] x = data.getFeatures().data().asFloat();
        float[] y = data.getLabels().data().asFloat();
        ConvLstmTrainer trainer = ConvLstmTrainer.of(architecture, network, 0.01, 0.9, 1, 9).orElseThrow();
        float[] ours = ConvLstmScorer.forNetwork(architecture, network, 1, 4).orElseThrow().score(channels(x, 4, architecture.windowLength()), 4);
        float[] dl4j = network.output(false, data.getFeatures())[0].dup('c').data().asFloat();
        for (int i = 0; i < dl4j.length; i++) {
            assertEquals(dl4j[i], ours[i], 1e-5, "output " + i);
        }
        trainer.gradient(x, y, 4);
        Map<String, float[]> gradients = trainer.gradients();
        double epsilon = 1e-2;
        int checked = 0;
        for (String variable : List.of("d1_W", "out_W", "lstm_forward_RW", "lstm_backward_W")) {
            String layer = variable.substring(0, variable.lastIndexOf('_'));
            String key = variable.substring(variable.lastIndexOf('_') + 1);
            for (int index = 0; index < gradients.get(variable).length; index += 7) {
                double plus = lossWith(architecture, network, layer, key, index, epsilon, x, y);
                double minus = lossWith(architecture, network, layer, key, index, -epsilon, x, y);
                double numeric = (plus - minus) / (2 * epsilon);
                double analytic = gradients.get(variable)[index];
                assertEquals(numeric, analytic, 2e-4 + 0.02 * Math.abs(numeric), variable + "[" + index + "]");
                checked++;
            }
        }
        assertTrue(checked > 20, "checked " + checked);
        assertTrue(Math.abs(trainer.gradient(x, y, 4) - trainer.gradient(x, y, 4)) > 0, "each batch draws new masks");
    }

    /** The training loss with one parameter moved by delta, under the masks a trainer seeded 9 draws first. */
    private static double lossWith(Architecture architecture, ComputationGraph network, String layer, String key, int index, double delta,
                                   float[] x, float[] y) {
        ComputationGraph moved = network.clone();
        INDArray parameter = moved.getLayer(layer).getParam(key);
        long[] shape = parameter.shape();
        float[] values = parameter.dup('c').data().asFloat();
        values[index] += (float) delta;
        moved.getLayer(layer).setParam(key, Nd4j.create(values, shape, 'c'));
        return ConvLstmTrainer.of(architecture, moved, 0.01, 0.9, 1, 9).orElseThrow().gradient(x, y, 4);
    }

    /** Channel codes of one-hot windows given channels first, [batch][4][length]. */
    static byte[] channels(float[] channelsFirst, int batch, int length) {
        byte[] codes = new byte[batch * length];
        java.util.Arrays.fill(codes, (byte) -1);
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < 4; c++) {
                for (int t = 0; t < length; t++) {
                    codes[n * length + t] = channelsFirst[(n * 4 + c) * length + t] == 1f ? (byte) c : codes[n * length + t];
                }
            }
        }
        return codes;
    }

    /** DL4J's computeGradientAndScore gives the gradient summed over the batch (its updater divides by the batch). */
    private static void assertClose(float[] summedByDl4j, float[] ours, int batch, String name) {
        assertEquals(summedByDl4j.length, ours.length, name);
        double scale = 0;
        double difference = 0;
        for (int i = 0; i < ours.length; i++) {
            scale = Math.max(scale, Math.abs(summedByDl4j[i]));
            difference = Math.max(difference, Math.abs(summedByDl4j[i] - ours[i] * batch));
        }
        double error = difference / scale;
        System.out.printf("%s: max |dl4j - zinfer| / max |dl4j| = %.2e%n", name, error);
        assertTrue(scale > 0 && error < 1e-4, name + ": relative error " + error + ", gradient scale " + scale);
    }

    static DataSet batch(Architecture architecture, int batch, Random random) {
        int length = architecture.windowLength();
        float[] x = new float[batch * 4 * length];
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < length; t++) {
                int base = random.nextInt(5); // 4: N, all channels zero
                if (base < 4) {
                    x[(n * 4 + base) * length + t] = 1f;
                }
            }
        }
        int outputs = architecture.outputs();
        float[] y = new float[batch * outputs];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new DataSet(Nd4j.create(x, new long[] {batch, 4, length}, 'c'), Nd4j.create(y, new long[] {batch, outputs}, 'c'));
    }
}
