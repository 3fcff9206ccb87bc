package org.zinfer.formats.genome;

/**
 * A stretch of sequence the model scores: bases [start, end) of a contig, 0-based. For FASTA records
 * scored one by one (zinfer predict) the contig is the record's name and start is 0.
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
