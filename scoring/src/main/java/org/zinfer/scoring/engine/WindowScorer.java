package org.zinfer.scoring.engine;

/** Scores batches of one-hot windows: a model's forward pass, whatever computes it. */
public interface WindowScorer {
    /** Number of scores per window (one per factor). */
    int outputs();

    /**
     * Scores count windows held channel-major in oneHot ([count][4][length]) and returns count * outputs()
     * scores, window after window.
     */
    float[] score(float[] oneHot, int count);
}
