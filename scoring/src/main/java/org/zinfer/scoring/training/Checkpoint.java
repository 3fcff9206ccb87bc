package org.zinfer.scoring.training;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;
import org.zinfer.formats.io.AtomicOutput;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A training checkpoint: one zip file, replaced atomically, holding the network with its updater state,
 * the best parameters so far, the {@link TrainingState} and, when zinfer's own trainer runs, its Adam state.
 */
public final class Checkpoint {
    private static final String NETWORK = "network.zip";
    private static final String BEST = "best-parameters.bin";
    private static final String STATE = "state.json";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public Checkpoint(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** What a checkpoint holds. */
    public record Saved(ComputationGraph network, INDArray bestParameters, TrainingState state, float[] optimizer) {
    }

    /** optimizer: the Adam state of a trainer that keeps it outside the network, else null. */
    public void save(ComputationGraph network, INDArray bestParameters, TrainingState state, float[] optimizer) {
        try (AtomicOutput output = new AtomicOutput(file);
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(output.temporary()))) {
            zip.putNextEntry(new ZipEntry(NETWORK));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, bytes, true);
            zip.write(bytes.toByteArray());
            zip.closeEntry();
            write(zip, BEST, bestParameters);
            write(zip, OPTIMIZER, optimizer == null ? null : Nd4j.createFromArray(optimizer));
            zip.putNextEntry(new ZipEntry(STATE));
            zip.write(JSON.writeValueAsBytes(state));
            zip.closeEntry();
            zip.finish();
            zip.flush();
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    public Saved load() {
        ComputationGraph network = null;
        INDArray best = null;
        TrainingState state = null;
        float[] optimizer = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                switch (entry.getName()) {
                    case NETWORK -> network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), true);
                    case BEST -> best = Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
                    case OPTIMIZER -> optimizer = Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes))).toFloatVector();
                    case STATE -> state = JSON.readValue(bytes, TrainingState.class);
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException("checkpoint " + file + " cannot be read (" + e.getMessage() + "); delete it to start over", e);
        }
        if (network == null || state == null) {
            throw new InputException("checkpoint " + file + " is incomplete; delete it to start over");
        }
        return new Saved(network, best, state, optimizer);
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + file, e);
        }
    }

    private static void write(ZipOutputStream zip, String entry, INDArray array) throws IOException {
        if (array != null) {
            zip.putNextEntry(new ZipEntry(entry));
            Nd4j.write(array, new DataOutputStream(unclosable(zip)));
            zip.closeEntry();
        }
    }

    private static OutputStream unclosable(OutputStream out) {
        return new OutputStream() {
            public void write(int b) throws IOException {
                out.write(b);
            }

            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }
        };
    }
}
