package org.zinfer.scoring.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.model.NetworkBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {
    @TempDir
    Path dir;

    static FactorModel smallModel() {
        Architecture architecture = new Architecture(200, 4, List.of(
                new LayerSpec.Conv1D("conv", 5, 6, true, Activation.RELU),
                new LayerSpec.MaxPool1D("pool", 4, 4),
                new LayerSpec.Lstm("bilstm", 3, true),
                new LayerSpec.Dense("out", 2, Activation.SIGMOID)));
        ModelMetadata metadata = new ModelMetadata("small", List.of("ZNF143", "CTCF"), OneHot.ALPHABET, 200, architecture,
                "test", "2026-11-22T00:00:00Z", "dev", null, null);
        return new FactorModel(NetworkBuilder.build(architecture), metadata);
    }

    @Test
    void roundTripKeepsScoresAndMetadata() {
        FactorModel model = smallModel();
        Path file = dir.resolve("small.zinfer");
        ModelBundle.write(model, file);
        FactorModel back = ModelLoader.load(file);
        assertEquals(List.of("ZNF143", "CTCF"), back.factors());
        assertEquals(model.metadata().architecture(), back.metadata().architecture());
        assertEquals(64, back.metadata().networkSha256().length());
        float[] batch = new float[3 * 4 * 200];
        Random random = new Random(1);
        for (int i = 0; i < 3 * 200; i++) {
            batch[(i / 200) * 800 + random.nextInt(4) * 200 + i % 200] = 1;
        }
        assertArrayEquals(new GraphScorer(model.network(), 200, 2).score(batch, 3), new GraphScorer(back.network(), 200, 2).score(batch, 3));
        assertEquals("small", ModelBundle.readMetadata(file).name());
    }

    @Test
    void damagedNetworkIsRefused() throws IOException {
        Path file = dir.resolve("small.zinfer");
        ModelBundle.write(smallModel(), file);
        Path damaged = dir.resolve("damaged.zinfer");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(file));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().equals(ModelBundle.NETWORK)) {
                    bytes[bytes.length / 2] ^= 1;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        InputException e = assertThrows(InputException.class, () -> ModelLoader.load(damaged));
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
    }
}
