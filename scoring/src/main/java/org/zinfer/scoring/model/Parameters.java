package org.zinfer.scoring.model;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network's weights by layer name and DL4J key ("W", "b", "RW"), each in DL4J's layout (row-major): what the
 * engines compute with, whether it comes from a DL4J network or straight from a Keras file (pure Java, no ND4J).
 */
@FunctionalInterface
public interface Parameters {
    float[] get(String layer, String key);

    /** A DL4J network's weights. */
    static Parameters of(ComputationGraph network) {
        return (layer, key) -> network.getLayer(layer).getParam(key).dup('c').data().asFloat();
    }
}
