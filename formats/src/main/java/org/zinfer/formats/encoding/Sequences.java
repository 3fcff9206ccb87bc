package org.zinfer.formats.encoding;

/** Small functions on DNA sequences (bases as ASCII bytes), as htsjdk's SequenceUtil: the one place for each. */
public final class Sequences {
    private Sequences() {
    }

    /**
     * The reverse complement of bases[from, from + length): A↔T and C↔G, keeping case; every other symbol (N,
     * IUPAC codes, gaps) is kept as it is, so it still encodes as no base.
     */
    public static byte[] reverseComplement(byte[] bases, int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[length - 1 - i] = complement(bases[from + i]);
        }
        return out;
    }

    public static byte[] reverseComplement(byte[] bases) {
        return reverseComplement(bases, 0, bases.length);
    }

    public static byte complement(byte base) {
        return switch (base) {
            case 'A' -> 'T';
            case 'C' -> 'G';
            case 'G' -> 'C';
            case 'T' -> 'A';
            case 'a' -> 't';
            case 'c' -> 'g';
            case 'g' -> 'c';
            case 't' -> 'a';
            default -> base;
        };
    }
}
