package org.zinfer.scoring.explain;

import org.zinfer.formats.genome.Window;

/**
 * How much each base of a window adds to each factor's logit: values[factor * length + position], positive
 * where the base present raises the factor's score, zero at N. stretch: the bases to show it for.
 */
public record Contribution(Window window, Window stretch, byte[] channels, int factors, float[] values) {
    public int length() {
        return channels.length;
    }

    public float value(int factor, int position) {
        return values[factor * length() + position];
    }
}
