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

    /**
     * A random sequence with the same dinucleotide counts as bases (so the same base composition, G+C and CpG) and
     * the same first and last base, each such sequence equally likely (Altschul and Erickson's method: a random
     * Eulerian walk through the graph of the sequence's dinucleotides, its last exits drawn as a random
     * arborescence by Wilson's loop-erased walks). Case is dropped; every symbol other than A, C, G, T counts as N.
     */
    public static byte[] dinucleotideShuffle(byte[] bases, java.util.Random random) {
        int n = bases.length;
        if (n < 3) {
            return toUpper(bases);
        }
        byte[] letters = {'A', 'C', 'G', 'T', 'N'};
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            int c = OneHot.channel(bases[i]);
            code[i] = c < 0 ? 4 : c;
        }
        int[][] edges = new int[5][];
        int[] counts = new int[5];
        for (int i = 0; i + 1 < n; i++) {
            counts[code[i]]++;
        }
        int[] fill = new int[5];
        for (int v = 0; v < 5; v++) {
            edges[v] = new int[counts[v]];
        }
        for (int i = 0; i + 1 < n; i++) {
            edges[code[i]][fill[code[i]]++] = code[i + 1];
        }
        int last = code[n - 1];
        int[] next = new int[5];
        boolean[] inTree = new boolean[5];
        inTree[last] = true;
        for (int v = 0; v < 5; v++) {
            for (int u = v; !inTree[u] && counts[u] > 0; u = next[u]) {
                next[u] = edges[u][random.nextInt(counts[u])];
            }
            for (int u = v; !inTree[u] && counts[u] > 0; u = next[u]) {
                inTree[u] = true;
            }
        }
        for (int v = 0; v < 5; v++) {
            int[] out = edges[v];
            if (out.length == 0) {
                continue;
            }
            int end = out.length;
            if (v != last) {
                // one edge to next[v] leaves last; the others are shuffled before it
                for (int k = 0; k < out.length; k++) {
                    if (out[k] == next[v]) {
                        out[k] = out[end - 1];
                        out[end - 1] = next[v];
                        break;
                    }
                }
                end--;
            }
            for (int k = end - 1; k > 0; k--) {
                int j = random.nextInt(k + 1);
                int swap = out[k];
                out[k] = out[j];
                out[j] = swap;
            }
        }
        byte[] shuffled = new byte[n];
        int[] used = new int[5];
        int at = code[0];
        shuffled[0] = letters[at];
        for (int i = 1; i < n; i++) {
            at = edges[at][used[at]++];
            shuffled[i] = letters[at];
        }
        return shuffled;
    }

    private static byte[] toUpper(byte[] bases) {
        byte[] upper = new byte[bases.length];
        for (int i = 0; i < bases.length; i++) {
            int c = OneHot.channel(bases[i]);
            upper[i] = c < 0 ? (byte) 'N' : (byte) OneHot.ALPHABET.charAt(c);
        }
        return upper;
    }
}
