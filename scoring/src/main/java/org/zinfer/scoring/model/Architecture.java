package org.zinfer.scoring.model;

import java.util.List;

/** A network as a chain of layers over one-hot windows of windowLength positions by channels. */
public record Architecture(int windowLength, int channels, List<LayerSpec> layers) {
    public Architecture {
        layers = List.copyOf(layers);
    }

    public int outputs() {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof LayerSpec.Dense dense) {
                return dense.units();
            }
        }
        throw new IllegalStateException("the network has no Dense output layer");
    }

    /**
     * The shape of the input of layer i: {length, channels} for a sequence, or {-1, size} for a vector.
     */
    public int[] inputShape(int layerIndex) {
        int length = windowLength;
        int width = channels;
        for (LayerSpec layer : layers.subList(0, layerIndex)) {
            if (layer instanceof LayerSpec.Conv1D conv) {
                length = conv.samePadding() ? length : length - conv.kernel() + 1;
                width = conv.filters();
            } else if (layer instanceof LayerSpec.MaxPool1D pool) {
                length = (length - pool.pool()) / pool.stride() + 1;
            } else if (layer instanceof LayerSpec.Flatten) {
                width = length * width;
                length = -1;
            } else if (layer instanceof LayerSpec.Dense dense) {
                width = dense.units();
                length = -1;
            } else if (layer instanceof LayerSpec.Lstm lstm) {
                width = lstm.bidirectional() ? 2 * lstm.units() : lstm.units();
                length = -1;
            }
        }
        return new int[] {length, width};
    }

    /** One line per layer, for zinfer info. */
    public String describe() {
        StringBuilder out = new StringBuilder("input (" + windowLength + ", " + channels + ")");
        for (LayerSpec layer : layers) {
            out.append(" -> ").append(layer.describe());
        }
        return out.toString();
    }
}
