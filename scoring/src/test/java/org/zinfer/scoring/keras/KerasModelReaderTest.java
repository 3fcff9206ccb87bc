package org.zinfer.scoring.keras;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.testing.TestModels;
import org.zinfer.scoring.TestWindows;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.tools.FastaPrediction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthetic Keras files (made by h5py, no ../shared needed): what is imported, what is refused. */
class KerasModelReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheLayerChainAndWeights() {
        KerasModel model = KerasModelReader.read(TestModels.kerasFile(dir, "convrnn"));
        assertEquals(1000, model.architecture().windowLength());
        assertEquals(4, model.architecture().channels());
        assertEquals(2, model.architecture().outputs());
        List<LayerSpec> layers = model.architecture().layers();
        assertEquals(new LayerSpec.Conv1D("conv1d", 6, 8, true, org.zinfer.scoring.model.Activation.RELU), layers.get(0));
        assertEquals(new LayerSpec.Lstm("bidirectional", 4, true), layers.get(4));
        assertEquals(0.3, ((LayerSpec.Dense) layers.get(5)).activation().alpha(), 1e-7);
        assertEquals(List.of(5, 16), List.of(model.weights().get("bidirectional").get("backward/kernel").shape()[0],
                model.weights().get("bidirectional").get("backward/kernel").shape()[1]));
    }

    @Test
    void syntheticModelWithEvenSamePaddingAndValidConvMatchesReference() {
        Path keras = TestModels.kerasFile(dir, "convrnn");
        Path fasta = new TestWindows(9).random(60).withUnknownBases(20).repeats(20).writeFasta(dir.resolve("w.fa"));
        FactorModel model = ModelLoader.load(keras);
        Path ours = dir.resolve("ours.tsv");
        FastaPrediction.run(model, fasta, ours, new GraphScorer(model.network(), 1000, 2), 32, false, null);
        Path reference = dir.resolve("reference.tsv");
        String script = TestEnvironment.root().resolve("scoring/src/test/python/keras_reference.py").toString();
        TestEnvironment.run(TestEnvironment.python(script, keras.toString(), fasta.toString(), reference.toString()));
        double difference = TestWindows.maxAbsDifference(TestWindows.readScores(ours), TestWindows.readScores(reference));
        assertTrue(difference <= 1e-5, "max difference " + difference);
    }

    @Test
    void refusesUnsupportedLayersNamingThem() {
        Path keras = TestModels.kerasFile(dir, "lambda");
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(keras));
        assertTrue(e.getMessage().contains("layer 'lambda' of type Lambda is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains(keras.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void refusesFilesThatAreNoModel() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.h5"), "not a model");
        assertTrue(assertThrows(InputException.class, () -> ModelLoader.load(text)).getMessage().contains("neither a zinfer bundle"));
        assertTrue(assertThrows(InputException.class, () -> ModelLoader.load(dir.resolve("none.h5"))).getMessage().contains("not found"));
    }
}
