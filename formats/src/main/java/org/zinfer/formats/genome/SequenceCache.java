package org.zinfer.formats.genome;

/**
 * Serves many small, mostly increasing reads (as a sorted VCF makes) from large chunks of a genome, so a
 * bgzip FASTA is decompressed once instead of once per read.
 */
public final class SequenceCache {
    private static final int CHUNK = 1 << 20;

    private final ReferenceGenome genome;
    private String contig;
    private int chunkStart;
    private byte[] chunk = new byte[0];

    public SequenceCache(ReferenceGenome genome) {
        this.genome = genome;
    }

    /** Bases [start, end) of a contig; the range must lie inside the contig. */
    public byte[] bases(String name, int start, int end) {
        if (!name.equals(contig) || start < chunkStart || end > chunkStart + chunk.length) {
            int contigLength = genome.contig(name).length();
            int chunkEnd = (int) Math.min(contigLength, Math.max((long) end, (long) start + CHUNK));
            chunk = genome.bases(name, start, chunkEnd);
            chunkStart = start;
            contig = name;
        }
        return java.util.Arrays.copyOfRange(chunk, start - chunkStart, end - chunkStart);
    }
}
