package org.zinfer.formats.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.zinfer.formats.InputException;
import org.zinfer.testing.TestEnvironment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowDatasetTest {
    private static final String SCRIPT = TestEnvironment.root().resolve("test-support/python/h5_dataset.py").toString();

    @TempDir
    Path dir;

    @Test
    void writtenDatasetIsChunkedCompressedAndReadsBackByH5pyAndSlices() throws Exception {
        TestEnvironment.requirePythonModules("h5py", "numpy");
        Random random = new Random(3);
        Path file = dir.resolve("set.h5");
        WindowDatasetWriter writer = new WindowDatasetWriter(file, List.of("GATA1", "CTCF"), 50);
        String[] sequences = new String[600];
        boolean[][] labels = new boolean[600][2];
        for (int n = 0; n < sequences.length; n++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                s.append(random.nextInt(20) == 0 ? 'N' : "ACGT".charAt(random.nextInt(4)));
            }
            sequences[n] = s.toString();
            labels[n] = new boolean[] {random.nextBoolean(), random.nextBoolean()};
            writer.add(sequences[n].getBytes(StandardCharsets.US_ASCII), labels[n]);
        }
        assertFalse(Files.exists(file), "the file appears only when committed");
        writer.commit("{\"made\":\"test\"}");

        JsonNode read = new ObjectMapper().readTree(TestEnvironment.run(TestEnvironment.python(SCRIPT, "describe", file.toString())));
        assertEquals("[600,4,50]", read.get("shape").toString());
        assertEquals("uint8", read.get("dtype").asText());
        assertEquals("[256,4,50]", read.get("chunks").toString());
        assertEquals("gzip", read.get("compression").asText());
        assertEquals("[600,2]", read.get("label_shape").toString());
        assertEquals("[\"GATA1\",\"CTCF\"]", read.get("factors").toString());
        assertEquals("{\"made\":\"test\"}", read.get("provenance").asText());
        for (int n = 0; n < sequences.length; n++) {
            assertEquals(sequences[n], read.get("windows").get(n).asText());
            assertEquals(labels[n][1] ? 1 : 0, read.get("labels").get(n).get(1).asInt());
        }

        try (WindowDataset dataset = WindowDataset.open(file)) {
            assertEquals(600, dataset.size());
            assertEquals(List.of("GATA1", "CTCF"), dataset.factors());
            WindowBatch batch = dataset.read(250, 100);
            assertEquals(100, batch.count());
            for (int w = 0; w < batch.count(); w++) {
                String expected = sequences[250 + w];
                for (int i = 0; i < 50; i++) {
                    int channel = "ACGT".indexOf(expected.charAt(i));
                    for (int c = 0; c < 4; c++) {
                        assertEquals(c == channel ? 1f : 0f, batch.data()[(w * 4 + c) * 50 + i]);
                    }
                }
                assertEquals(labels[250 + w][0] ? 1f : 0f, batch.label(w, 0));
            }
            assertEquals(50, dataset.read(550, 100).count(), "the last slice is clipped to the file");
        }
    }

    @ParameterizedTest
    @CsvSource({"first,uint8", "last,uint8", "first,float32", "last,float64", "last,int64"})
    void readsThesisLayoutsAndTypes(String layout, String dtype) {
        TestEnvironment.requirePythonModules("h5py", "numpy");
        Path file = dir.resolve(layout + dtype + ".h5");
        TestEnvironment.run(TestEnvironment.python(SCRIPT, "make", file.toString(), layout, dtype));
        try (WindowDataset dataset = WindowDataset.open(file)) {
            assertEquals(8, dataset.windowLength());
            assertEquals(List.of("factor1", "factor2"), dataset.factors());
            WindowBatch batch = dataset.read(1, 2);
            float[] gggg = new float[32];
            for (int i = 0; i < 4; i++) {
                gggg[2 * 8 + i] = 1;
                gggg[8 + 4 + i] = 1;
            }
            float[] first = new float[32];
            System.arraycopy(batch.data(), 0, first, 0, 32);
            assertArrayEquals(gggg, first);
            assertArrayEquals(new float[] {0, 1, 1, 1}, batch.labels());
        }
    }

    @Test
    void theSameWindowsGiveTheSameBytes() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (String name : List.of("one.h5", "two.h5")) {
            Path file = dir.resolve(name);
            try (WindowDatasetWriter writer = new WindowDatasetWriter(file, List.of("a", "b"), 20)) {
                Random random = new Random(8);
                for (int i = 0; i < 300; i++) {
                    StringBuilder bases = new StringBuilder();
                    for (int j = 0; j < 20; j++) {
                        bases.append("ACGTN".charAt(random.nextInt(5)));
                    }
                    writer.add(bases.toString().getBytes(StandardCharsets.US_ASCII), new boolean[] {random.nextBoolean(), false});
                }
                writer.commit("{}");
            }
            files.add(file);
            Thread.sleep(1100); // a timestamp in the file would now differ
        }
        assertArrayEquals(Files.readAllBytes(files.get(0)), Files.readAllBytes(files.get(1)));
    }

    @Test
    void aWriterClosedWithoutCommitLeavesNoFile() {
        Path file = dir.resolve("interrupted.h5");
        try (WindowDatasetWriter writer = new WindowDatasetWriter(file, List.of("a"), 10)) {
            for (int i = 0; i < 300; i++) {
                writer.add("ACGTACGTAC".getBytes(StandardCharsets.US_ASCII), new boolean[] {i % 2 == 0});
            }
            assertTrue(Files.exists(dir.resolve(".interrupted.h5.partial")), "chunks go to the temporary file as they fill");
        }
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve(".interrupted.h5.partial")));
    }

    @Test
    void refusesFilesThatAreNotWindowDatasets() throws Exception {
        Path text = Files.writeString(dir.resolve("x.h5"), "not hdf5");
        assertTrue(assertThrows(InputException.class, () -> WindowDataset.open(text)).getMessage().contains(text.toString()));
        assertThrows(InputException.class, () -> WindowDataset.open(dir.resolve("missing.h5")));

        Path good = dir.resolve("good.h5");
        WindowDatasetWriter writer = new WindowDatasetWriter(good, List.of("a"), 10);
        writer.add("ACGTACGTAC".getBytes(StandardCharsets.US_ASCII), new boolean[] {true});
        writer.commit("");
        assertFalse(Files.exists(dir.resolve(".good.h5.partial")));
        try (WindowDataset dataset = WindowDataset.open(good)) {
            assertEquals(1, dataset.size());
        }
    }
}
