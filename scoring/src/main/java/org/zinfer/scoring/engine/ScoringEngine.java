package org.zinfer.scoring.engine;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;

import java.util.Iterator;

/**
 * Walks windows, one-hot encodes them into batches, scores each batch and hands every window's scores to a
 * sink, in input order. Commands supply the windows and the sink; the engine owns batching and progress.
 */
public final class ScoringEngine {
    public static final int DEFAULT_BATCH = 256;

    private final WindowScorer scorer;
    private final int length;
    private final int batchSize;

    public ScoringEngine(WindowScorer scorer, int windowLength, int batchSize) {
        this.scorer = scorer;
        this.length = windowLength;
        this.batchSize = batchSize;
    }

    /** Scores all windows and returns how many were scored. */
    public long run(Iterator<SequenceWindow> windows, ScoreSink sink, ProgressMeter progress) {
        float[] batch = new float[batchSize * OneHot.CHANNELS * length];
        Window[] batchWindows = new Window[batchSize];
        long scored = 0;
        int count = 0;
        while (windows.hasNext()) {
            SequenceWindow window = windows.next();
            if (window.window().length() != length) {
                throw new IllegalArgumentException("window " + window.window() + " is not " + length + " long");
            }
            OneHot.encode(window.bases(), window.offset(), length, batch, count * OneHot.CHANNELS * length);
            batchWindows[count++] = window.window();
            if (count == batchSize) {
                deliver(batch, batchWindows, count, sink);
                scored += count;
                progress.advance(count);
                count = 0;
            }
        }
        if (count > 0) {
            deliver(batch, batchWindows, count, sink);
            scored += count;
            progress.advance(count);
        }
        return scored;
    }

    private void deliver(float[] batch, Window[] windows, int count, ScoreSink sink) {
        float[] scores = scorer.score(batch, count);
        int outputs = scorer.outputs();
        for (int i = 0; i < count; i++) {
            sink.accept(windows[i], scores, i * outputs);
        }
    }
}
