package org.zinfer.formats.genome;

/**
 * A stretch of a genome the model scores: bases [start, end) of a contig, 0-based.
 */
public record Window(String contig, int start, int end) {
    public int length() {
        return end - start;
    }

    @Override
    public String toString() {
        return contig + ":" + (start + 1) + "-" + end;
    }
}
