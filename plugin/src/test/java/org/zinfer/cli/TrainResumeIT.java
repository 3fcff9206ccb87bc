package org.zinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;
import org.zinfer.scoring.bundle.ModelBundle;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Killing zinfer train (kill -9, launcher and training JVM) mid-epoch, then running it again, resumes from the checkpoint. */
class TrainResumeIT {
    @TempDir
    Path dir;

    private List<String> zinfer(String... args) {
        Path jar = TestEnvironment.root().resolve("plugin/target/zinfer.jar");
        assertTrue(Files.exists(jar), "package the jar first (mvn package)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** cnn: DL4J trains it (updater state inside the network); convrnn: zinfer's CPU trainer (Adam state beside it). */
    @ParameterizedTest
    @ValueSource(strings = {"cnn", "convrnn"})
    void killedMidEpochAndRerunResumesFromTheLastCheckpoint(String design) throws Exception {
        Path motifs = Files.writeString(dir.resolve("m.transfac"),
                "AC M1\nID PAL\nP0 A C G T\n01 0 0 1 0\n02 1 0 0 0\n03 0 0 0 1\n04 0 0 0 1\n05 1 0 0 0\n06 0 1 0 0\n"
                        + "07 0 0 1 0\n08 0 1 0 0\n09 1 0 0 0\n10 1 0 0 0\n11 0 0 0 1\n12 0 1 0 0\n//\n");
        Path data = dir.resolve("sim.h5");
        TestEnvironment.run(zinfer("simulate", "--motifs", motifs.toString(), "-n", "1200", "--seed", "3", "-o", data.toString()), 0);
        Path model = dir.resolve("m.zinfer");
        Path checkpoint = dir.resolve("m.zinfer.checkpoint");
        List<String> train = zinfer("train", "--train", data.toString(), "-o", model.toString(), "--architecture", design,
                "--filters", "8,8", "--kernels", "6,3", "--dense", "8", "--lstm", "8", "--dropout", "0",
                "--epochs", "2", "--batch", "20", "--checkpoint-minutes", "0", "--seed", "4");

        Process first = new ProcessBuilder(train).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile()).start();
        JsonNode state = null;
        for (int i = 0; i < 600 && state == null; i++) {
            Thread.sleep(200);
            JsonNode seen = Files.exists(checkpoint) ? state(checkpoint) : null;
            state = seen != null && seen.get("batch").asLong() >= 5 ? seen : null;
        }
        assertTrue(state != null, "a checkpoint within the first epoch appeared: " + Files.readString(dir.resolve("first.log")));
        first.descendants().forEach(ProcessHandle::destroyForcibly);
        first.destroyForcibly().waitFor();
        state = state(checkpoint);
        assertEquals(0, state.get("epoch").asInt(), "killed during the first epoch");
        long batch = state.get("batch").asLong();
        assertTrue(batch > 0 && batch < 57, "mid-epoch: batch " + batch);
        assertFalse(Files.exists(model));
        assertEquals(design.equals("convrnn"), entries(checkpoint).contains("optimizer.bin"), "Adam state saved by zinfer's trainer only");

        TestEnvironment.Result second = TestEnvironment.run(train, 0);
        assertTrue(second.stderr().contains("resuming from checkpoint " + checkpoint + " at epoch 1, batch " + batch), second.stderr());
        assertTrue(second.stderr().contains("epoch 2/2"), second.stderr());
        assertFalse(Files.exists(checkpoint), "the checkpoint goes once the model is written");
        JsonNode record = new ObjectMapper().readTree(ModelBundle.readMetadata(model).training());
        assertEquals(2, record.get("epochs").size(), record.toString());
    }

    private static List<String> entries(Path checkpoint) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(checkpoint))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static JsonNode state(Path checkpoint) {
        try (InputStream in = Files.newInputStream(checkpoint); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("state.json")) {
                    return new ObjectMapper().readTree(zip.readAllBytes());
                }
            }
        } catch (Exception e) {
            return null; // being replaced right now; look again
        }
        return null;
    }
}
