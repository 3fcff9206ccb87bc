package org.zinfer.formats.track;

/**
 * How each window's score was read: on one strand or as the mean of both (--reverse-complement), and as the
 * mean of how many shifted copies (--shifts). A scan, its calibration and the calls made from them must agree.
 */
public record WindowReading(int strands, int shifts) {
    /** Values 0, as read from files made before zinfer recorded them, mean 1. */
    public WindowReading {
        strands = Math.max(1, strands);
        shifts = Math.max(1, shifts);
    }

    /** The flags that read windows so. */
    public String flags() {
        String flags = (strands == 2 ? " --reverse-complement" : "") + (shifts > 1 ? " --shifts " + shifts : "");
        return flags.isEmpty() ? "neither --reverse-complement nor --shifts" : flags.substring(1);
    }
}
