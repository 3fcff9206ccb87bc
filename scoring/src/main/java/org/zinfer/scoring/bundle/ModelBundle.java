package org.zinfer.scoring.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.ModelMetadata;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * zinfer's model bundle: one zip file holding {@value #METADATA} (the {@link ModelMetadata} as JSON) and
 * {@value #NETWORK} (the DL4J ComputationGraph as ModelSerializer writes it, with its updater state, so
 * training can go on from it). The metadata records the network's SHA-256, checked on every load.
 */
public final class ModelBundle {
    public static final String EXTENSION = ".zinfer";
    static final String METADATA = "zinfer-model.json";
    static final String NETWORK = "network.dl4j.zip";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelBundle() {
    }

    /** Refuses, before any work, an --output that is not named as a bundle (FILE.zinfer). */
    public static void requireBundleName(Path output) {
        if (!output.getFileName().toString().endsWith(".zinfer")) {
            throw new InputException("--output should end in .zinfer, got " + output);
        }
    }

    public static void write(FactorModel model, Path target) {
        try (AtomicOutput output = new AtomicOutput(target)) {
            ByteArrayOutputStream network = new ByteArrayOutputStream();
            ModelSerializer.writeModel(model.network(), network, true);
            byte[] networkBytes = network.toByteArray();
            ModelMetadata metadata = model.metadata().withNetworkSha256(sha256(networkBytes));
            try (OutputStream file = Files.newOutputStream(output.temporary());
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.putNextEntry(new ZipEntry(METADATA));
                zip.write(JSON.writeValueAsBytes(metadata));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(NETWORK));
                zip.write(networkBytes);
                zip.closeEntry();
            }
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model bundle " + target, e);
        }
    }

    public static FactorModel read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new InputException("cannot read model bundle " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a bundle from a stream; 'where' names it in messages. */
    public static FactorModel read(InputStream in, String where) throws IOException {
        ModelMetadata metadata = null;
        byte[] network = null;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(METADATA)) {
                    metadata = JSON.readValue(zip.readAllBytes(), ModelMetadata.class);
                } else if (entry.getName().equals(NETWORK)) {
                    network = zip.readAllBytes();
                }
            }
        }
        if (metadata == null || network == null) {
            throw new InputException("model bundle " + where + " lacks " + (metadata == null ? METADATA : NETWORK) + "; is it a zinfer model?");
        }
        String actual = sha256(network);
        if (!actual.equals(metadata.networkSha256())) {
            throw new InputException("model bundle " + where + " is damaged: its network's SHA-256 is " + actual + ", the bundle says " + metadata.networkSha256());
        }
        Backend.load();
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(network), true);
        return new FactorModel(graph, metadata);
    }

    /** Only the metadata, without loading the network (for listings). */
    public static ModelMetadata readMetadata(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readMetadata(in, file.toString());
        } catch (IOException e) {
            throw new InputException("cannot read model bundle " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelMetadata readMetadata(InputStream in, String where) throws IOException {
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            if (entry.getName().equals(METADATA)) {
                return JSON.readValue(zip.readAllBytes(), ModelMetadata.class);
            }
        }
        throw new InputException("model bundle " + where + " lacks " + METADATA + "; is it a zinfer model?");
    }

    public static String toJson(ModelMetadata metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
