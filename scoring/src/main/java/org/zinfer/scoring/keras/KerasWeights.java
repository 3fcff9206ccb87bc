package org.zinfer.scoring.keras;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.NetworkBuilder;

import java.util.Map;

/** Copies Keras weights, in DL4J's layouts ({@link KerasParameters}), into a network built by {@link NetworkBuilder}. */
public final class KerasWeights {
    private KerasWeights() {
    }

    public static void apply(KerasModel model, ComputationGraph network) {
        for (Map.Entry<String, Map<String, float[]>> layer : new KerasParameters(model).all().entrySet()) {
            for (Map.Entry<String, float[]> weight : layer.getValue().entrySet()) {
                set(network, layer.getKey(), weight.getKey(), weight.getValue());
            }
        }
    }

    private static void set(ComputationGraph network, String layer, String key, float[] values) {
        INDArray param = network.getLayer(layer).getParam(key);
        if (param.length() != values.length) {
            throw new InputException("Keras model: layer '" + layer + "' weight " + key
                    + " has " + values.length + " values, the network expects " + param.length());
        }
        param.assign(Nd4j.create(values, param.shape(), 'c'));
    }
}
