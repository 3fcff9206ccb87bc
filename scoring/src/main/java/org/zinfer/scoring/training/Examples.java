package org.zinfer.scoring.training;

/** What a network learns from or is validated on: numbered examples, each an input and K 0/1 labels. */
public interface Examples {
    long size();

    int factors();

    /** The shape of one example's input, e.g. {4, 1000} for a window or {100} for a feature vector. */
    long[] inputShape();

    /** Examples [start, start + count) (count clipped at the end). */
    Rows read(long start, int count);

    /** Every example's labels, [example][factor]. */
    float[] labels();

    /** A run of examples: inputs flat in row-major order, labels [count][factors]. */
    record Rows(int count, float[] inputs, float[] labels) {
    }
}
