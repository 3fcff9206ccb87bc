package org.zinfer.scoring.keras;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.scoring.TestWindows;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.tools.FastaPrediction;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The four thesis models, imported by zinfer and scored by both its engines (DL4J's graph and the fast CPU
 * engine), agree with an independent numpy implementation of Keras' semantics (scoring/src/test/python/keras_reference.py) to 1e-5 on 560 windows: random, with N runs and
 * IUPAC codes, tandem repeats, GATA1 motif sites and real soft-masked hg19 chr22. Deliberate mistakes in the
 * reference (gate order, padding side, pooling mode, LeakyReLU alpha) move outputs by more than 0.04, so
 * the comparison can tell.
 */
class KerasParityTest {
    static final String MODELS = "thesis-models/";
    static final double TOLERANCE = 1e-5;
    @TempDir
    static Path dir;
    static Path windows;

    @BeforeAll
    static void writeWindows() {
        Path genomeFile = TestEnvironment.shared("genome/hg19.chr22_1-22000000.fa.gz");
        MotifMatrix gata1 = TransfacReader.read(TestEnvironment.shared("motifs/JASPAR2020_CORE_vertebrates_non-redundant.transfac"))
                .stream().filter(m -> m.id().equals("MA0035.4")).findFirst().orElseThrow();
        try (ReferenceGenome genome = ReferenceGenome.open(genomeFile)) {
            TestWindows set = new TestWindows(20261122).random(150).withUnknownBases(100).repeats(100)
                    .withMotif(gata1, 60, 4, "gata1").real(genome, "chr22", 16_050_000, 22_000_000, 150);
            assertTrue(set.windows().size() >= 500);
            windows = set.writeFasta(dir.resolve("windows.fa"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_classifictaion_convnet_on_generated_data.h5", "binary_classification_convrnn_on_generated_data.h5",
            "multilabel_classification_convrnn_on_generated_data.h5", "multilabel_classification_convrnn_on_real_data.h5"})
    void importedModelMatchesKerasSemantics(String file) {
        Path model = TestEnvironment.shared(MODELS + file);
        FactorModel loaded = ModelLoader.load(model);
        List<double[]> reference = referenceScores(model, null);
        for (WindowScorer scorer : List.of(new GraphScorer(loaded.network(), 1000, loaded.factors().size()),
                ConvLstmScorer.forModel(loaded, 2, 128).orElseThrow())) {
            List<double[]> zinfer = zinferScores(loaded, scorer);
            double difference = TestWindows.maxAbsDifference(zinfer, reference);
            System.out.printf("parity %s, %s: %d windows x %d outputs, max |zinfer - reference| = %.3g%n",
                    file, scorer.describe(), zinfer.size(), zinfer.get(0).length, difference);
            assertTrue(difference <= TOLERANCE, file + " with " + scorer.describe() + ": max difference " + difference);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"binary_classifictaion_convnet_on_generated_data.h5", "binary_classification_convrnn_on_generated_data.h5",
            "multilabel_classification_convrnn_on_generated_data.h5", "multilabel_classification_convrnn_on_real_data.h5"})
    void aKerasModelsChecksumIsItsNetworksWithoutBuildingIt(String file) {
        FactorModel deferred = ModelLoader.load(TestEnvironment.shared(MODELS + file));
        String checksum = deferred.checksum();
        assertEquals(new FactorModel(deferred.network(), deferred.metadata()).checksum(), checksum);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gate-order", "padding", "pooling", "alpha"})
    void eachPlausibleMistakeMovesOutputsVisibly(String mistake) {
        Path model = TestEnvironment.shared(MODELS + (mistake.equals("padding") || mistake.equals("pooling")
                ? "binary_classifictaion_convnet_on_generated_data.h5" : "multilabel_classification_convrnn_on_generated_data.h5"));
        double moved = TestWindows.maxAbsDifference(referenceScores(model, null), referenceScores(model, mistake));
        System.out.printf("mistake %s moves outputs of %s by up to %.3f%n", mistake, model.getFileName(), moved);
        assertTrue(moved > 0.04, mistake + " moved outputs only " + moved);
    }

    private List<double[]> zinferScores(FactorModel model, WindowScorer scorer) {
        Path out = dir.resolve("zinfer.tsv");
        FastaPrediction.run(model, windows, out, scorer, 128, false, null);
        return TestWindows.readScores(out);
    }

    static List<double[]> referenceScores(Path model, String mistake) {
        TestEnvironment.requirePythonModules("numpy", "h5py");
        Path out = dir.resolve(model.getFileName() + "." + mistake + ".reference.tsv");
        String script = TestEnvironment.root().resolve("scoring/src/test/python/keras_reference.py").toString();
        List<String> command = new java.util.ArrayList<>(TestEnvironment.python(script, model.toString(), windows.toString(), out.toString()));
        if (mistake != null) {
            command.add("--perturb");
            command.add(mistake);
        }
        TestEnvironment.run(command);
        return TestWindows.readScores(out);
    }
}
