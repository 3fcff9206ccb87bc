package org.zinfer.formats.track;

/** Text form of scores in zinfer's outputs. */
public final class Values {
    private Values() {
    }

    /**
     * Appends the shortest decimal that reads back as the same float (up to 9 significant digits), so text
     * outputs carry exactly the value the bigWig holds.
     */
    public static void appendFloat(StringBuilder out, float value) {
        out.append(Float.toString(value));
    }
}
