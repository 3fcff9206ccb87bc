package org.zinfer.scoring.variant;

import org.zinfer.formats.variant.VcfLineReader;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The records of a VCF, each with its windows cut: what zinfer variants gives the scoring engine. */
public final class VariantRecords implements Iterator<VariantRecord> {
    private final VcfLineReader vcf;
    private final VariantWindows cutter;
    private VcfLineReader.Record next;
    private long read;

    public VariantRecords(VcfLineReader vcf, VariantWindows cutter) {
        this.vcf = vcf;
        this.cutter = cutter;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = vcf.next();
        }
        return next != null;
    }

    @Override
    public VariantRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VcfLineReader.Record record = next;
        next = null;
        read++;
        return cutter.cut(record);
    }

    /** Records read so far. */
    public long read() {
        return read;
    }
}
