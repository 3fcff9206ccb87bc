package org.zinfer.formats.encoding;

/** Positions [from, to) of a window, counted from its first base. */
public record Span(int from, int to) {
    public Span {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a span runs from a position to one not before it, got [" + from + ", " + to + ")");
        }
    }

    public static Span whole(int length) {
        return new Span(0, length);
    }

    public int length() {
        return to - from;
    }

    /** The smallest span holding both. */
    public Span union(Span other) {
        return new Span(Math.min(from, other.from), Math.max(to, other.to));
    }

    /** The same bases read from the window's other end (as its reverse complement holds them). */
    public Span mirrored(int windowLength) {
        return new Span(windowLength - to, windowLength - from);
    }
}
