package org.zinfer.formats.genome;

import org.zinfer.formats.InputException;

/**
 * An interval of a contig, 0-based and half-open: [start, end). Parsed from and printed as the
 * samtools form {@code contig:start-end}, which is 1-based and inclusive.
 */
public record Region(String contig, int start, int end) implements Comparable<Region> {

    public Region {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad interval " + contig + ":" + start + "-" + end);
        }
    }

    public static Region whole(Contig contig) {
        return new Region(contig.name(), 0, contig.length());
    }

    /**
     * Parses {@code contig}, {@code contig:start-end} or {@code contig:start} (1-based, inclusive, commas
     * allowed). A bare contig or an open end is marked by end == Integer.MAX_VALUE until resolved against
     * the genome.
     */
    public static Region parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            return new Region(text, 0, Integer.MAX_VALUE);
        }
        String contig = text.substring(0, colon);
        String range = text.substring(colon + 1).replace(",", "");
        try {
            int dash = range.indexOf('-');
            long start = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
            long end = dash < 0 ? Integer.MAX_VALUE : Long.parseLong(range.substring(dash + 1));
            if (contig.isEmpty() || start < 1 || end < start || end > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return new Region(contig, (int) start - 1, (int) end);
        } catch (NumberFormatException e) {
            throw new InputException("region '" + text + "' is not of the form contig:start-end (1-based, start <= end)");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Region other) {
        return contig.equals(other.contig) && start < other.end && other.start < end;
    }

    @Override
    public int compareTo(Region o) {
        int c = contig.compareTo(o.contig);
        return c != 0 ? c : Integer.compare(start, o.start);
    }

    @Override
    public String toString() {
        return contig + ":" + (start + 1) + "-" + end;
    }
}
