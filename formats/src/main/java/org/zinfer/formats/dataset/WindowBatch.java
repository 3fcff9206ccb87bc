package org.zinfer.formats.dataset;

/**
 * A run of consecutive windows from a {@link WindowDataset}: one-hot data channel-major per window
 * ([count][4][length], A,C,G,T) and 0/1 labels ([count][factors]), both flat.
 */
public record WindowBatch(long start, int count, int windowLength, int factors, float[] data, float[] labels) {
    public float label(int window, int factor) {
        return labels[window * factors + factor];
    }
}
