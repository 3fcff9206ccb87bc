package org.zinfer.scoring.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.bundle.ModelMetadata;

import java.util.List;

/** A network that scores one-hot windows for a list of factors, with what is known of it. */
public record FactorModel(ComputationGraph network, ModelMetadata metadata) {
    public List<String> factors() {
        return metadata.factors();
    }

    public int windowLength() {
        return metadata.windowLength();
    }
}
