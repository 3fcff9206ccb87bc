package org.zinfer.scoring.evaluation;

import org.zinfer.formats.dataset.DatasetWindows;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;

/** Scores every window of a dataset through the scoring engine, in file order: [window][factor]. */
public final class DatasetScores {
    private DatasetScores() {
    }

    public static float[] score(WindowScorer scorer, WindowDataset dataset, int batchSize, ProgressMeter progress) {
        return score(scorer, dataset, 0, dataset.size(), batchSize, progress);
    }

    /** Windows [from, to) only. */
    public static float[] score(WindowScorer scorer, WindowDataset dataset, long from, long to, int batchSize, ProgressMeter progress) {
        int outputs = scorer.outputs();
        float[] scores = new float[Math.toIntExact((to - from) * outputs)];
        int[] next = {0};
        new ScoringEngine(scorer, dataset.windowLength(), batchSize).run(new DatasetWindows(dataset, from, to),
                (window, values, offset) -> {
                    System.arraycopy(values, offset, scores, next[0], outputs);
                    next[0] += outputs;
                }, progress);
        return scores;
    }
}
