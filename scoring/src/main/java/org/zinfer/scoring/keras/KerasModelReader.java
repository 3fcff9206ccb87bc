package org.zinfer.scoring.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Keras 2 model saved as HDF5 (model.save('m.h5')) with jhdf: the layer chain from the
 * model_config attribute and the weights from model_weights. Only single-path models built from InputLayer,
 * Conv1D, MaxPooling1D, Dropout, Flatten, Dense, LSTM and Bidirectional(LSTM) are accepted; anything else
 * is refused naming the layer.
 */
public final class KerasModelReader {
    private static final String SUPPORTED = "InputLayer, Conv1D, MaxPooling1D, Dropout, Flatten, Dense, LSTM and Bidirectional(LSTM)";
    private final Path file;

    private KerasModelReader(Path file) {
        this.file = file;
    }

    public static KerasModel read(Path file) {
        return new KerasModelReader(file).read();
    }

    private KerasModel read() {
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute config = hdf.getAttribute("model_config");
            if (config == null) {
                throw fail("has no model_config attribute; save the whole model with model.save('model.h5'), not only its weights");
            }
            JsonNode model = new ObjectMapper().readTree(text(config.getData()));
            Architecture architecture = architecture(model);
            Node weightRoot = hdf.getChild("model_weights");
            Group weights = weightRoot instanceof Group g ? g : hdf;
            Map<String, Map<String, Tensor>> tensors = new LinkedHashMap<>();
            for (LayerSpec layer : architecture.layers()) {
                tensors.put(layer.name(), weightsOf(weights, layer.name()));
            }
            Attribute version = hdf.getAttribute("keras_version");
            return new KerasModel(architecture, tensors, version == null ? "unknown" : text(version.getData()));
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InputException("cannot read Keras model " + file + ": " + e.getMessage(), e);
        }
    }

    private Architecture architecture(JsonNode model) {
        String kind = model.path("class_name").asText();
        JsonNode layers = model.path("config").path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw fail("model_config has no layers (class " + kind + ")");
        }
        int length = -1;
        int channels = -1;
        List<LayerSpec> specs = new ArrayList<>();
        String previous = null;
        for (JsonNode layer : layers) {
            String type = layer.path("class_name").asText();
            JsonNode config = layer.path("config");
            String name = config.path("name").asText(layer.path("name").asText());
            checkChain(kind, layer, name, previous);
            previous = name;
            JsonNode inputShape = config.path("batch_input_shape");
            if (inputShape.isArray()) {
                if (inputShape.size() != 3) {
                    throw fail("input shape " + inputShape + " is not (batch, length, channels)");
                }
                length = inputShape.get(1).asInt(-1);
                channels = inputShape.get(2).asInt(-1);
            }
            if (!type.equals("InputLayer")) {
                specs.add(layer(type, name, config));
            }
        }
        if (length <= 0 || channels <= 0) {
            throw fail("does not declare a fixed input shape (length, channels)");
        }
        return new Architecture(length, channels, specs);
    }

    /** Functional models must be a single chain: each layer fed only by the one before it. */
    private void checkChain(String kind, JsonNode layer, String name, String previous) {
        JsonNode inbound = layer.path("inbound_nodes");
        if (!inbound.isArray() || inbound.isEmpty() || previous == null) {
            return;
        }
        boolean single = inbound.size() == 1 && inbound.get(0).size() == 1;
        String source = single ? inbound.get(0).get(0).get(0).asText() : null;
        if (!previous.equals(source)) {
            throw fail("layer '" + name + "' is not fed by the layer before it; only single-path " + kind + " models are supported");
        }
    }

    private LayerSpec layer(String type, String name, JsonNode c) {
        return switch (type) {
            case "Conv1D" -> conv1d(name, c);
            case "MaxPooling1D" -> {
                require(c.path("padding").asText("valid").equals("valid"), name, "padding must be 'valid'");
                require(channelsLast(c), name, "data_format must be channels_last");
                int pool = c.path("pool_size").get(0).asInt();
                JsonNode strides = c.path("strides");
                yield new LayerSpec.MaxPool1D(name, pool, strides.isArray() ? strides.get(0).asInt() : pool);
            }
            case "Dropout" -> new LayerSpec.Dropout(name, c.path("rate").asDouble());
            case "Flatten" -> {
                require(channelsLast(c), name, "data_format must be channels_last");
                yield new LayerSpec.Flatten(name);
            }
            case "Dense" -> {
                require(c.path("use_bias").asBoolean(true), name, "use_bias=False is not supported");
                yield new LayerSpec.Dense(name, c.path("units").asInt(), activation(name, c.path("activation")));
            }
            case "LSTM" -> lstm(name, c, false);
            case "Bidirectional" -> {
                JsonNode inner = c.path("layer");
                require(inner.path("class_name").asText().equals("LSTM"), name, "only Bidirectional(LSTM) is supported, not Bidirectional(" + inner.path("class_name").asText() + ")");
                require(c.path("merge_mode").asText("concat").equals("concat"), name, "merge_mode must be 'concat'");
                yield lstm(name, inner.path("config"), true);
            }
            default -> throw fail("layer '" + name + "' of type " + type + " is not supported (zinfer imports " + SUPPORTED + ")");
        };
    }

    private LayerSpec conv1d(String name, JsonNode c) {
        String padding = c.path("padding").asText("valid");
        require(padding.equals("same") || padding.equals("valid"), name, "padding '" + padding + "' is not supported (same or valid)");
        require(c.path("strides").get(0).asInt(1) == 1, name, "strides other than 1 are not supported");
        require(c.path("dilation_rate").path(0).asInt(1) == 1, name, "dilation other than 1 is not supported");
        require(c.path("groups").asInt(1) == 1, name, "grouped convolution is not supported");
        require(c.path("use_bias").asBoolean(true), name, "use_bias=False is not supported");
        require(channelsLast(c), name, "data_format must be channels_last");
        return new LayerSpec.Conv1D(name, c.path("filters").asInt(), c.path("kernel_size").get(0).asInt(),
                padding.equals("same"), activation(name, c.path("activation")));
    }

    private LayerSpec lstm(String name, JsonNode c, boolean bidirectional) {
        require(!c.path("return_sequences").asBoolean(false), name, "return_sequences=True is not supported");
        require(!c.path("go_backwards").asBoolean(false), name, "go_backwards=True is not supported");
        require(!c.path("stateful").asBoolean(false), name, "stateful LSTMs are not supported");
        require(c.path("activation").asText("tanh").equals("tanh"), name, "LSTM activation must be tanh");
        require(c.path("recurrent_activation").asText("sigmoid").equals("sigmoid"), name, "LSTM recurrent_activation must be sigmoid");
        require(c.path("use_bias").asBoolean(true), name, "use_bias=False is not supported");
        return new LayerSpec.Lstm(name, c.path("units").asInt(), bidirectional);
    }

    private Activation activation(String layer, JsonNode node) {
        if (node.isObject()) {
            String type = node.path("class_name").asText();
            JsonNode config = node.path("config");
            if (type.equals("LeakyReLU")) {
                return Activation.leakyRelu(config.path("alpha").asDouble(0.3));
            }
            if (type.equals("ReLU") && config.path("max_value").isNull() && config.path("threshold").asDouble(0) == 0) {
                return Activation.leakyRelu(config.path("negative_slope").asDouble(0));
            }
            throw fail("layer '" + layer + "' has activation " + type + " " + config + ", which is not supported");
        }
        String name = node.asText("linear");
        return switch (name) {
            case "linear" -> Activation.LINEAR;
            case "relu" -> Activation.RELU;
            case "sigmoid" -> Activation.SIGMOID;
            case "tanh" -> Activation.TANH;
            case "softmax" -> Activation.SOFTMAX;
            default -> throw fail("layer '" + layer + "' has activation '" + name + "', which is not supported");
        };
    }

    private Map<String, Tensor> weightsOf(Group root, String layer) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Node node = root.getChild(layer);
        if (!(node instanceof Group group)) {
            return tensors;
        }
        Attribute names = group.getAttribute("weight_names");
        if (names == null) {
            return tensors;
        }
        for (String weightName : strings(names.getData())) {
            Node dataset = group.getByPath(weightName);
            if (!(dataset instanceof Dataset data)) {
                throw fail("weight " + layer + "/" + weightName + " is missing");
            }
            tensors.put(role(weightName), new Tensor(floats(data), data.getDimensions()));
        }
        return tensors;
    }

    /** "bidirectional/forward_lstm/lstm_cell_1/kernel:0" becomes "forward/kernel"; "conv1d/kernel:0" "kernel". */
    static String role(String weightName) {
        String[] parts = weightName.split("/");
        String last = parts[parts.length - 1].replaceAll(":\\d+$", "");
        for (String part : parts) {
            if (part.startsWith("forward_")) {
                return "forward/" + last;
            }
            if (part.startsWith("backward_")) {
                return "backward/" + last;
            }
        }
        return last;
    }

    private float[] floats(Dataset data) {
        Object flat = data.getDataFlat();
        if (flat instanceof float[] f) {
            return f;
        }
        if (flat instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw fail("weight " + data.getPath() + " is of type " + data.getJavaType() + ", not floating point");
    }

    private static List<String> strings(Object data) {
        List<String> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        if (data instanceof Object[] array) {
            for (Object o : array) {
                out.add(text(o));
            }
        } else {
            out.add(text(data));
        }
        return out;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static boolean channelsLast(JsonNode c) {
        return c.path("data_format").asText("channels_last").equals("channels_last");
    }

    private void require(boolean condition, String layer, String problem) {
        if (!condition) {
            throw fail("layer '" + layer + "': " + problem);
        }
    }

    private InputException fail(String problem) {
        return new InputException("Keras model " + file + ": " + problem);
    }
}
