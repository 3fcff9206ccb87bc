package org.zinfer.formats.genome;

import htsjdk.samtools.SAMException;
import htsjdk.samtools.reference.FastaSequenceFile;
import htsjdk.samtools.reference.ReferenceSequence;
import org.zinfer.formats.InputException;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The records of a FASTA file (plain or gzip, no index needed), each one window that must be exactly the
 * model's window length. Names are cut at the first white space.
 */
public final class FastaRecords implements Iterator<FastaRecord>, Closeable {
    private final Path path;
    private final int length;
    private final FastaSequenceFile fasta;
    private ReferenceSequence next;
    private boolean exhausted;
    private int number;

    public FastaRecords(Path path, int length) {
        if (!Files.isRegularFile(path)) {
            throw new InputException("FASTA file not found: " + path);
        }
        this.path = path;
        this.length = length;
        this.fasta = new FastaSequenceFile(path, true);
    }

    @Override
    public boolean hasNext() {
        if (next == null && !exhausted) {
            try {
                next = fasta.nextSequence();
                exhausted = next == null;
            } catch (SAMException e) {
                throw new InputException("cannot read FASTA file " + path + " after record " + number + ": " + e.getMessage(), e);
            }
        }
        return next != null;
    }

    @Override
    public FastaRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReferenceSequence record = next;
        next = null;
        number++;
        byte[] bases = record.getBases();
        if (bases.length != length) {
            throw new InputException(path + " record " + number + " ('" + record.getName() + "') has " + bases.length
                    + " bases; the model scores windows of exactly " + length);
        }
        return new FastaRecord(record.getName(), bases);
    }

    @Override
    public void close() {
        fasta.close();
    }
}
