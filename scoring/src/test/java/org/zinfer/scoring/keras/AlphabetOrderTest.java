package org.zinfer.scoring.keras;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.scoring.TestWindows;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.evaluation.RocAuc;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.FactorModel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures which one-hot channel order the thesis' binary models were trained with. They were trained to
 * find the GATA1 motif (JASPAR MA0035.4); read as A,C,G,T they tell GATA1-bearing windows from random ones,
 * read as A,G,C,T (the order the thesis text gives) they hardly do.
 */
class AlphabetOrderTest {

    @ParameterizedTest
    @ValueSource(strings = {"binary_classifictaion_convnet_on_generated_data.h5", "binary_classification_convrnn_on_generated_data.h5"})
    void thesisModelsReadChannelsAsACGT(String file) {
        FactorModel model = ModelLoader.load(TestEnvironment.shared("thesis-models/" + file));
        MotifMatrix gata1 = TransfacReader.read(TestEnvironment.shared("motifs/JASPAR2020_CORE_vertebrates_non-redundant.transfac"))
                .stream().filter(m -> m.id().equals("MA0035.4")).findFirst().orElseThrow();
        Map<String, String> windows = new TestWindows(5).random(400).withMotif(gata1, 400, 3, "gata1").windows();
        double acgt = auc(model, windows, false);
        double agct = auc(model, windows, true);
        System.out.printf("%s: GATA1 vs random ROC AUC with channels A,C,G,T = %.3f, A,G,C,T = %.3f%n", file, acgt, agct);
        assertTrue(acgt > 0.7, "A,C,G,T AUC " + acgt);
        assertTrue(acgt > agct + 0.15, "A,C,G,T " + acgt + " vs A,G,C,T " + agct);
    }

    /** ROC AUC of motif windows against random ones, optionally with the C and G channels swapped. */
    private static double auc(FactorModel model, Map<String, String> windows, boolean swapCG) {
        int n = windows.size();
        float[] batch = new float[n * 4 * 1000];
        boolean[] positive = new boolean[n];
        List<String> names = new ArrayList<>(windows.keySet());
        for (int i = 0; i < n; i++) {
            byte[] bases = windows.get(names.get(i)).getBytes(StandardCharsets.US_ASCII);
            OneHot.encode(bases, 0, 1000, batch, i * 4000);
            if (swapCG) {
                for (int p = 0; p < 1000; p++) {
                    float c = batch[i * 4000 + 1000 + p];
                    batch[i * 4000 + 1000 + p] = batch[i * 4000 + 2000 + p];
                    batch[i * 4000 + 2000 + p] = c;
                }
            }
            positive[i] = names.get(i).startsWith("gata1");
        }
        float[] scores = new GraphScorer(model.network(), 1000, 1).score(batch, n);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = scores[i];
        }
        return RocAuc.of(values, positive);
    }
}
