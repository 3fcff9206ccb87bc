package org.zinfer.formats.genome;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.reference.FastaSequenceIndex;
import htsjdk.samtools.reference.FastaSequenceIndexEntry;
import htsjdk.samtools.reference.ReferenceSequenceFile;
import htsjdk.samtools.reference.ReferenceSequenceFileFactory;
import htsjdk.samtools.util.BlockCompressedInputStream;
import org.zinfer.formats.InputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An indexed FASTA file, plain or bgzip (with its .fai, and .gzi when compressed), read by htsjdk.
 * Not thread-safe: one reader thread at a time.
 */
public final class ReferenceGenome implements Closeable {
    private final Path path;
    private final ReferenceSequenceFile fasta;
    private final Map<String, Contig> contigs = new LinkedHashMap<>();

    private ReferenceGenome(Path path, ReferenceSequenceFile fasta, FastaSequenceIndex index) {
        this.path = path;
        this.fasta = fasta;
        for (FastaSequenceIndexEntry entry : index) {
            contigs.put(entry.getContig(), new Contig(entry.getContig(), (int) entry.getSize()));
        }
    }

    public static ReferenceGenome open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InputException("FASTA file not found: " + path);
        }
        Path fai = path.resolveSibling(path.getFileName() + ".fai");
        if (!Files.isRegularFile(fai)) {
            throw new InputException("FASTA file " + path + " has no index " + fai.getFileName() + " (make one with: samtools faidx " + path + ")");
        }
        boolean bgzip = isBgzip(path);
        Path gzi = path.resolveSibling(path.getFileName() + ".gzi");
        if (bgzip && !Files.isRegularFile(gzi)) {
            throw new InputException("bgzip FASTA file " + path + " has no index " + gzi.getFileName() + " (make one with: samtools faidx " + path + ")");
        }
        if (!bgzip && isGzip(path)) {
            throw new InputException("FASTA file " + path + " is gzip but not bgzip compressed; recompress it with bgzip and index it with samtools faidx");
        }
        try {
            return new ReferenceGenome(path, ReferenceSequenceFileFactory.getReferenceSequenceFile(path, true, true), new FastaSequenceIndex(fai));
        } catch (SAMException | IllegalArgumentException e) {
            throw new InputException("cannot read FASTA file " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    public List<Contig> contigs() {
        return Collections.unmodifiableList(new ArrayList<>(contigs.values()));
    }

    public Contig contig(String name) {
        Contig contig = contigs.get(name);
        if (contig == null) {
            throw new InputException("contig '" + name + "' is not in " + path.getFileName() + " (it has " + describeContigs() + ")");
        }
        return contig;
    }

    /** Checks the region against the genome and returns it with an open end set to the contig's end. */
    public Region resolve(Region region) {
        Contig contig = contig(region.contig());
        int end = region.end() == Integer.MAX_VALUE ? contig.length() : region.end();
        if (end > contig.length() || region.start() >= contig.length()) {
            throw new InputException("region " + region.contig() + ":" + (region.start() + 1) + "-" + end
                    + " runs past the end of contig " + contig.name() + " (length " + contig.length() + ")");
        }
        return new Region(region.contig(), region.start(), end);
    }

    /**
     * The bases of [start, end) of a contig, as stored (soft-masked bases stay lower case). Anything but letters
     * where the index says bases lie (a header, a line end, the file's end) means the index is not this FASTA's.
     */
    public byte[] bases(String contig, int start, int end) {
        byte[] bases;
        try {
            bases = fasta.getSubsequenceAt(contig, start + 1L, end).getBases();
        } catch (SAMException e) {
            throw new InputException("cannot read " + contig + ":" + (start + 1) + "-" + end + " from " + path + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < bases.length; i++) {
            if (!Character.isLetter(bases[i])) {
                throw mismatch(contig + ":" + (start + i + 1) + " holds '" + (char) bases[i] + "'");
            }
        }
        if (bases.length != end - start) {
            throw mismatch(contig + ":" + (start + 1) + "-" + end + " ends after " + bases.length + " bases");
        }
        return bases;
    }

    private InputException mismatch(String what) {
        return new InputException("FASTA file " + path + " does not match its index " + path.getFileName() + ".fai: " + what
                + " (index it again with samtools faidx)");
    }

    private String describeContigs() {
        List<String> names = new ArrayList<>(contigs.keySet());
        return names.size() <= 5 ? String.join(", ", names) : String.join(", ", names.subList(0, 5)) + ", ... (" + names.size() + " contigs)";
    }

    private static boolean isBgzip(Path path) {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path))) {
            return BlockCompressedInputStream.isValidFile(in);
        } catch (IOException e) {
            throw new InputException("cannot read FASTA file " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new InputException("cannot read FASTA file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            fasta.close();
        } catch (IOException ignored) {
            // read-only file: nothing to lose
        }
    }
}
