package org.zinfer.scoring.bundle;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.testing.TestModels;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelLoaderTest {
    @TempDir
    Path dir;

    @Test
    void aKerasModelScoresAndHasItsNetworksChecksumBeforeTheNetworkIsBuilt() {
        FactorModel deferred = ModelLoader.load(TestModels.kerasFile(dir, "convrnn"));
        String checksum = deferred.checksum();
        int windows = 6;
        byte[] channels = new byte[windows * deferred.windowLength()];
        Random random = new Random(3);
        for (int i = 0; i < channels.length; i++) {
            channels[i] = (byte) random.nextInt(4);
        }
        float[] scores = ConvLstmScorer.forModel(deferred, 1, 4).orElseThrow().score(channels, windows);

        ComputationGraph network = deferred.network();
        assertEquals(new FactorModel(network, deferred.metadata()).checksum(), checksum, "laid out as DL4J flattens its parameters");
        assertEquals(checksum, deferred.checksum());
        assertArrayEquals(ConvLstmScorer.forNetwork(deferred.metadata().architecture(), network, 1, 4).orElseThrow().score(channels, windows), scores);
    }
}
