package org.zinfer.scoring.keras;

import org.zinfer.scoring.model.Architecture;

import java.util.Map;

/**
 * A Keras model as read from its HDF5 file: the layer chain and, per layer name, its weights by role
 * ("kernel", "bias", "recurrent_kernel"; "forward/..." and "backward/..." inside a Bidirectional).
 */
public record KerasModel(Architecture architecture, Map<String, Map<String, Tensor>> weights, String kerasVersion) {
}
