package org.zinfer.scoring.engine;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.Span;

/** Scores batches of windows: a model's forward pass, whatever computes it. */
public interface WindowScorer {
    /** Number of scores per window (one per factor). */
    int outputs();

    /** How many batches may be scored at once on different threads (1 if score is not thread-safe). */
    default int parallelism() {
        return 1;
    }

    /**
     * Scores count windows given as channel codes ([count][length], {@link org.zinfer.formats.encoding.OneHot#channel})
     * and returns count * outputs() scores, window after window.
     */
    float[] score(byte[] channels, int count);

    /**
     * As {@link #score(byte[], int)}, told which bases of each window the caller reads ({@link Encodable#read}):
     * a scorer with one result per base may leave the others unset; one with one per window ignores it.
     */
    default float[] score(byte[] channels, int count, Span[] read) {
        return score(channels, count);
    }

    /** A one-line description for the log: which implementation, threads. */
    String describe();

    /**
     * What, besides the model and the window, decides a score's bits: a name for an implementation whose
     * scores are the same bits whatever batch or thread computed them; one that also names the batch size otherwise.
     */
    String bitsDependOn(int batchSize);
}
