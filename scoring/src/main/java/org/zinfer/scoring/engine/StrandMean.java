package org.zinfer.scoring.engine;

import org.zinfer.formats.encoding.BothStrands;
import org.zinfer.formats.encoding.Encodable;

/** A window's scores averaged over its strands (each strand's score divided by their number, then summed). */
public final class StrandMean {
    private StrandMean() {
    }

    /** The mean of strands consecutive windows' scores starting at offset, outputs scores each. */
    public static float[] of(float[] scores, int offset, int strands, int outputs) {
        float[] mean = new float[outputs];
        for (int s = 0; s < strands; s++) {
            for (int f = 0; f < outputs; f++) {
                mean[f] += scores[offset + s * outputs + f] / strands;
            }
        }
        return mean;
    }

    /** A sink for items read on both strands that hands the tool's sink each item with its windows' strand means. */
    public static <T extends Encodable> ScoreSink<BothStrands<T>> sink(ScoreSink<T> sink, int outputs) {
        return (both, scores, offset) -> {
            int windows = both.item().windows();
            float[] means = new float[windows * outputs];
            for (int w = 0; w < windows; w++) {
                System.arraycopy(of(scores, offset + 2 * w * outputs, 2, outputs), 0, means, w * outputs, outputs);
            }
            sink.accept(both.item(), means, 0);
        };
    }
}
