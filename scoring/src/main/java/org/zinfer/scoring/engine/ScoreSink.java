package org.zinfer.scoring.engine;

/** Receives each item given to the engine with its windows' scores, in the order the items were given. */
public interface ScoreSink<T> {
    /**
     * scores[offset, offset + item.windows() * outputs) are the scores of the item's windows, window after
     * window, one per factor.
     */
    void accept(T item, float[] scores, int offset);
}
