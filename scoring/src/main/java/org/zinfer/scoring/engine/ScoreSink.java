package org.zinfer.scoring.engine;

import org.zinfer.formats.genome.Window;

/** Receives each scored window, in the order windows were read. */
public interface ScoreSink {
    /** scores[offset, offset + outputs) are the window's scores, one per factor. */
    void accept(Window window, float[] scores, int offset);
}
