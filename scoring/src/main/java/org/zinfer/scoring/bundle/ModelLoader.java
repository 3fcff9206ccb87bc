package org.zinfer.scoring.bundle;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.scoring.keras.KerasModel;
import org.zinfer.scoring.keras.KerasModelReader;
import org.zinfer.scoring.keras.KerasParameters;
import org.zinfer.scoring.keras.KerasWeights;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.model.ModelMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Loads what a --model option names: a zinfer bundle or a Keras HDF5 file, told apart by their first bytes. */
public final class ModelLoader {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The classpath resource of the model zinfer ships, used when no --model is given. */
    public static final String DEFAULT_MODEL = "/org/zinfer/scoring/bundle/default.zinfer";
    public static final String DEFAULT_NAME = "(built-in default model)";
    /** What --transfer-from calls the built-in model (a file of that name, when there is one, wins). */
    public static final String BUILTIN = "builtin";

    private ModelLoader() {
    }

    /** The given model, or the built-in default when file is null. */
    public static FactorModel loadOrDefault(Path file) {
        return file == null ? loadDefault() : load(file);
    }

    /** The given model, or the built-in one when the file is named {@value #BUILTIN} and does not exist. */
    public static FactorModel loadOrBuiltin(Path file) {
        return file.toString().equals(BUILTIN) && !Files.exists(file) ? loadDefault() : load(file);
    }

    /** The built-in model's metadata, or null when this build has none. */
    public static ModelMetadata defaultMetadata() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(DEFAULT_MODEL)) {
            return in == null ? null : ModelBundle.readMetadata(in, DEFAULT_NAME);
        } catch (IOException e) {
            throw new InputException("cannot read the built-in model: " + e.getMessage(), e);
        }
    }

    public static FactorModel loadDefault() {
        try (InputStream in = ModelLoader.class.getResourceAsStream(DEFAULT_MODEL)) {
            if (in == null) {
                throw new InputException("this zinfer build has no built-in model; give one with --model");
            }
            return ModelBundle.read(in, DEFAULT_NAME);
        } catch (IOException e) {
            throw new InputException("cannot read the built-in model: " + e.getMessage(), e);
        }
    }

    public static FactorModel load(Path file) {
        byte[] head = head(file);
        if (startsWith(head, HDF5_MAGIC)) {
            return importKeras(file, null);
        }
        if (startsWith(head, ZIP_MAGIC)) {
            return ModelBundle.read(file);
        }
        throw new InputException("model file " + file + " is neither a zinfer bundle (" + ModelBundle.EXTENSION + ") nor a Keras HDF5 file (.h5)");
    }

    /**
     * Imports a Keras HDF5 model; factor names default to factor1..factorK. Its DL4J network is built when first
     * asked for ({@link FactorModel#deferred}).
     */
    public static FactorModel importKeras(Path file, List<String> factorNames) {
        KerasModel keras = KerasModelReader.read(file);
        int outputs = keras.architecture().outputs();
        List<String> factors = factorNames == null ? ModelMetadata.defaultFactorNames(outputs) : factorNames;
        if (factors.size() != outputs) {
            throw new InputException("Keras model " + file + " has " + outputs + " outputs but " + factors.size() + " factor names were given");
        }
        String name = file.getFileName().toString().replaceFirst("\\.(h5|hdf5|keras)$", "");
        String source = "Keras " + keras.kerasVersion() + " model " + file.getFileName() + " (sha256 " + ModelBundle.sha256(readAll(file)) + ")";
        ModelMetadata metadata = new ModelMetadata(name, factors, OneHot.ALPHABET, keras.architecture().windowLength(),
                keras.architecture(), source, Instant.now().toString(), Version.current(), null, null);
        return FactorModel.deferred(metadata, new KerasParameters(keras), () -> {
            Backend.load();
            ComputationGraph network = NetworkBuilder.build(keras.architecture());
            KerasWeights.apply(keras, network);
            return network;
        });
    }

    private static byte[] head(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("model file not found: " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
