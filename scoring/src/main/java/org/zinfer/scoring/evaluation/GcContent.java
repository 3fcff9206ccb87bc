package org.zinfer.scoring.evaluation;

import org.zinfer.scoring.engine.WindowScorer;

/**
 * The simplest baseline: a window's G+C fraction (of its A, C, G and T; N left out), one score per window.
 * ChIP-seq peaks lie in G+C-rich DNA, so a model must beat this to have learned more than composition.
 */
public final class GcContent implements WindowScorer {
    private final int length;
    private final int threads;

    public GcContent(int length, int threads) {
        this.length = length;
        this.threads = threads;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public float[] score(byte[] channels, int count) {
        float[] scores = new float[count];
        for (int n = 0; n < count; n++) {
            int gc = 0;
            int known = 0;
            for (int i = n * length; i < (n + 1) * length; i++) {
                byte c = channels[i];
                known += c >= 0 ? 1 : 0;
                gc += c == 1 || c == 2 ? 1 : 0;
            }
            scores[n] = known == 0 ? 0f : (float) gc / known;
        }
        return scores;
    }

    @Override
    public String describe() {
        return "G+C fraction";
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return describe();
    }
}
