package org.zinfer.scoring.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.HostDevice;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.Architectures;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.simulation.Background;
import org.zinfer.scoring.simulation.WindowSimulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small end-to-end runs: 200-nt windows, strong motifs, a tiny CNN. The motifs are palindromes: a tiny
 * network takes far longer to leave its starting plateau when a motif comes on either strand as two
 * different words (measured: no progress in 400 batches, against ~100 for one word).
 */
class TrainingRunTest {
    private static final int LENGTH = 200;

    @TempDir
    Path dir;

    private Path simulate(String name, int windows, long seed, List<String> factors, String... consensus) {
        List<MotifMatrix> motifs = java.util.Arrays.stream(consensus).map(c -> certain(c)).toList();
        WindowSimulator simulator = new WindowSimulator(motifs, Background.iid(0.5), new WindowSimulator.Settings(windows, LENGTH, 0.5, 1, 1, seed));
        Path file = dir.resolve(name);
        WindowDatasetWriter writer = new WindowDatasetWriter(file, factors, LENGTH);
        simulator.simulate(writer, ProgressMeter.silent());
        writer.commit(simulator.provenance("test"));
        return file;
    }

    private static MotifMatrix certain(String consensus) {
        double[][] rows = new double[consensus.length()][4];
        for (int i = 0; i < consensus.length(); i++) {
            rows[i]["ACGT".indexOf(consensus.charAt(i))] = 1;
        }
        return new MotifMatrix(consensus, consensus, rows);
    }

    private TrainingRun.Request request(Path train, Path transferFrom, Path output, int epochs) {
        return request(train, transferFrom, output, epochs, Architectures.CNN);
    }

    private TrainingRun.Request request(Path train, Path transferFrom, Path output, int epochs, String design) {
        return request(train, transferFrom, output, epochs, design, Augmentation.NONE);
    }

    private TrainingRun.Request request(Path train, Path transferFrom, Path output, int epochs, String design, Augmentation augmentation) {
        return request(train, transferFrom, output, epochs, design, augmentation, null);
    }

    private TrainingRun.Request request(Path train, Path transferFrom, Path output, int epochs, String design, Augmentation augmentation,
                                        Device device) {
        Architectures.Sizes sizes = new Architectures.Sizes(List.of(8, 8), List.of(6, 3), 4, 8, 8, 0);
        return new TrainingRun.Request(train, null, 0.1, design, k -> sizes, transferFrom, 0.2, true, null,
                0.01, 0.9, new Trainer.Settings(epochs, 50, 10, 1, 10, augmentation), 2, true, output, "test", device);
    }

    /** Augmentation is recorded with the model; a frozen trunk, whose features are computed once, refuses it. */
    @Test
    void augmentationIsRecordedAndAFrozenTrunkRefusesIt() {
        Path train = simulate("train.h5", 300, 1, List.of("A"), "GATTACATGTAATC");
        Augmentation augmentation = new Augmentation(true, 2);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FactorModel model = new TrainingRun(request(train, null, dir.resolve("a.zinfer"), 1, Architectures.CONVRNN, augmentation), new PrintStream(log)).run();
        assertTrue(model.metadata().training().contains("\"augmentation\":{\"reverseComplement\":true,\"maxShift\":2}"), model.metadata().training());
        InputException refused = org.junit.jupiter.api.Assertions.assertThrows(InputException.class, () -> new TrainingRun(
                request(train, Path.of(ModelLoader.BUILTIN), dir.resolve("f.zinfer"), 1, Architectures.CNN, augmentation), new PrintStream(log)).run());
        assertTrue(refused.getMessage().contains("--fine-tune"), refused.getMessage());
    }

    private FactorMetrics testMetrics(FactorModel model, Path test) {
        try (WindowDataset dataset = WindowDataset.open(test)) {
            float[] scores = DatasetScores.score(new GraphScorer(model.network(), LENGTH, model.factors().size()), dataset, 64, ProgressMeter.silent());
            return FactorMetrics.of(model.factors(), scores, dataset.labels(0, Math.toIntExact(dataset.size())));
        }
    }

    @Test
    void trainsFromScratchThenTransfersTheFrozenTrunkToNewFactors() throws Exception {
        Path train = simulate("train.h5", 2200, 1, List.of("A", "B"), "GATTACATGTAATC", "CCGCTTAAGCGG");
        Path test = simulate("test.h5", 300, 2, List.of("A", "B"), "GATTACATGTAATC", "CCGCTTAAGCGG");
        Path model = dir.resolve("m.zinfer");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FactorModel trained = new TrainingRun(request(train, null, model, 10), new PrintStream(log)).run();
        FactorMetrics learned = testMetrics(trained, test);
        assertTrue(Math.max(learned.rocAuc()[0], learned.rocAuc()[1]) > 0.95 && learned.meanRocAuc() > 0.7,
                "learns the motifs: test AUC " + java.util.Arrays.toString(learned.rocAuc()) + "\n" + log);
        assertFalse(Files.exists(dir.resolve("m.zinfer.checkpoint")), "the checkpoint goes once the model is written");
        FactorModel reloaded = ModelBundle.read(model);
        assertEquals(List.of("A", "B"), reloaded.factors());
        assertTrue(reloaded.metadata().training().contains("\"epochs\""), reloaded.metadata().training());
        assertTrue(log.toString().contains("epoch 10/10"), log.toString());

        // The same motifs under new names and in the other order: only the head learns, the trunk must not move.
        Path newTrain = simulate("new.h5", 2200, 3, List.of("B2", "A2"), "CCGCTTAAGCGG", "GATTACATGTAATC");
        Path transferred = dir.resolve("t.zinfer");
        FactorModel head = new TrainingRun(request(newTrain, model, transferred, 10), new PrintStream(log)).run();
        assertEquals(List.of("B2", "A2"), head.factors());
        for (String layer : List.of("conv1", "conv2", "dense")) {
            assertArrayEquals(trained.network().getLayer(layer).params().toFloatVector(), head.network().getLayer(layer).params().toFloatVector(), 0f, layer);
        }
        FactorMetrics moved = testMetrics(head, simulate("newtest.h5", 300, 4, List.of("B2", "A2"), "CCGCTTAAGCGG", "GATTACATGTAATC"));
        int known = learned.rocAuc()[0] > learned.rocAuc()[1] ? 0 : 1;
        assertTrue(moved.rocAuc()[1 - known] > 0.9, "the motif the trunk learned transfers: " + java.util.Arrays.toString(moved.rocAuc()));
        assertTrue(head.metadata().source().contains("frozen"), head.metadata().source());
        assertTrue(head.metadata().training().contains("\"head_fits\"") && log.toString().contains("head fitted with L2 penalty 0.001"),
                "the frozen trunk's head is fitted under each penalty: " + head.metadata().training());

        TrainingRun.Request fineTuned = request(newTrain, model, dir.resolve("f.zinfer"), 1);
        TrainingRun.Request penalised = new TrainingRun.Request(fineTuned.trainFile(), null, 0.1, fineTuned.design(), fineTuned.sizes(),
                model, 0.2, false, 0.01, 0.01, 0.9, fineTuned.settings(), 2, true, fineTuned.output(), "test", null);
        InputException refused = assertThrows(InputException.class, () -> new TrainingRun(penalised, new PrintStream(log)).run());
        assertTrue(refused.getMessage().startsWith("--head-l2 is the penalty of a frozen trunk's head"), refused.getMessage());
    }

    /** "builtin" names the built-in model: its trunk (moved to 200-nt windows) stays as it is under the new head. */
    @Test
    void transfersFromTheBuiltInModel() {
        Path train = simulate("train.h5", 300, 1, List.of("A"), "GATTACATGTAATC");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FactorModel head = new TrainingRun(request(train, Path.of(ModelLoader.BUILTIN), dir.resolve("b.zinfer"), 1), new PrintStream(log)).run();
        FactorModel builtIn = ModelLoader.loadDefault();
        assertEquals(List.of("A"), head.factors());
        int compared = 0;
        for (org.deeplearning4j.nn.api.Layer layer : builtIn.network().getLayers()) {
            String name = layer.getConfig().getLayerName();
            if (name.startsWith("conv") || name.startsWith("lstm")) {
                for (var parameter : layer.paramTable().entrySet()) {
                    assertArrayEquals(parameter.getValue().dup().data().asFloat(),
                            head.network().getLayer(name).getParam(parameter.getKey()).dup().data().asFloat(), 0f, name + " " + parameter.getKey());
                }
                compared++;
            }
        }
        assertTrue(compared >= 3, "two convolutions and the LSTM compared: " + compared);
        assertTrue(head.metadata().source().contains("trunk of builtin (frozen)"), head.metadata().source());
    }

    @Test
    void zinfersCpuTrainerTrainsAConvRnn() {
        Path train = simulate("train.h5", 2200, 1, List.of("A", "B"), "GATTACATGTAATC", "CCGCTTAAGCGG");
        Path test = simulate("test.h5", 300, 2, List.of("A", "B"), "GATTACATGTAATC", "CCGCTTAAGCGG");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FactorModel trained = new TrainingRun(request(train, null, dir.resolve("r.zinfer"), 10, Architectures.CONVRNN), new PrintStream(log)).run();
        assertTrue(log.toString().contains("training with zinfer CPU trainer"), log.toString());
        FactorMetrics learned = testMetrics(trained, test);
        assertTrue(Math.max(learned.rocAuc()[0], learned.rocAuc()[1]) > 0.95 && learned.meanRocAuc() > 0.7,
                "learns the motifs: test AUC " + java.util.Arrays.toString(learned.rocAuc()) + "\n" + log);
    }

    /** A run on a device (the plain-Java host device) takes the CPU trainer's steps: the same epochs, to rounding. */
    @Test
    void theDeviceTrainerTrainsAsTheCpuTrainerDoes() {
        Path train = simulate("train.h5", 600, 1, List.of("A", "B"), "GATTACATGTAATC", "CCGCTTAAGCGG");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FactorModel onCpu = new TrainingRun(request(train, null, dir.resolve("cpu.zinfer"), 2, Architectures.CONVRNN), new PrintStream(log)).run();
        FactorModel onDevice = new TrainingRun(request(train, null, dir.resolve("device.zinfer"), 2, Architectures.CONVRNN, Augmentation.NONE,
                new HostDevice()), new PrintStream(log)).run();
        assertTrue(log.toString().contains("training with zinfer device trainer (host device"), log.toString());
        assertTrue(onDevice.metadata().training().contains("\"device\":\"gpu\""), onDevice.metadata().training());
        double difference = onCpu.network().params().sub(onDevice.network().params()).amaxNumber().doubleValue();
        assertTrue(difference < 1e-4, "largest parameter difference " + difference);
        assertTrue(onCpu.network().params().sub(NetworkBuilder.build(onCpu.metadata().architecture(), 1, 0.01, 0.9).params())
                .amaxNumber().doubleValue() > 1e-2, "training moved the parameters");
    }
}
