package org.zinfer.formats.encoding;

/**
 * Something the scoring engine scores: a tool's item (a genome window, a FASTA record, a dataset row, a VCF
 * record with its REF and ALT windows) that hands over its windows as channel codes ({@link OneHot#channel}).
 * The engine never looks further into an item; it gives the item back to the tool with its windows' scores.
 */
public interface Encodable {
    /** How many windows the item has; an item with none passes through the engine in its place. */
    default int windows() {
        return 1;
    }

    /** The length of each of its windows. */
    int length();

    /** Writes window i's channel codes, one per base, into dest[offset, offset + length()). */
    void encode(int window, byte[] dest, int offset);

    /**
     * The bases of window i whose per-base results the tool reads (all of them unless the item says less): a
     * scorer with one result per base (contributions) need compute no others.
     */
    default Span read(int window) {
        return Span.whole(length());
    }
}
