package org.zinfer.scoring.variant;

import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.VariantContext;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.SequenceCache;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.variant.ContigNames;
import org.zinfer.formats.variant.VcfLineReader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts the windows of a VCF record. The reference window is the window-length stretch of the genome with
 * the record's first REF base at index length/2. Each ALT window keeps the same left flank and anchor: the
 * REF bases are replaced by the ALT bases and the right flank follows, taking up any length difference (an
 * insertion pushes it right, a deletion pulls more of it in); an ALT longer than the right half is cut.
 * Alleles that cannot be scored get a reason instead of a window.
 */
public final class VariantWindows {
    public static final String UNKNOWN_CONTIG = "unknown_contig";
    static final String REF_MISMATCH = "ref_mismatch";
    static final String OFF_CONTIG = "off_contig";
    static final String SYMBOLIC = "symbolic_allele";
    static final String BREAKEND = "breakend";
    static final String SPANNING_DELETION = "spanning_deletion";

    private final ReferenceGenome genome;
    private final SequenceCache sequence;
    private final ContigNames contigs;
    private final int length;
    private final int strands;

    /** strands: 1, or 2 to score each window's reverse complement too. */
    public VariantWindows(ReferenceGenome genome, ContigNames contigs, int length, int strands) {
        this.genome = genome;
        this.sequence = new SequenceCache(genome);
        this.contigs = contigs;
        this.length = length;
        this.strands = strands;
    }

    VariantRecord cut(VcfLineReader.Record record) {
        VariantContext variant = record.variant();
        List<Allele> alts = variant.getAlternateAlleles();
        String contig = contigs.toFasta(variant.getContig());
        if (contig == null) {
            return all(record, alts.size(), UNKNOWN_CONTIG);
        }
        int anchor = variant.getStart() - 1;
        int half = length / 2;
        int start = anchor - half;
        String ref = variant.getReference().getBaseString();
        int contigLength = genome.contig(contig).length();
        if (start < 0 || start + length > contigLength || anchor + ref.length() > contigLength) {
            return all(record, alts.size(), OFF_CONTIG);
        }
        int fetchEnd = Math.min(contigLength, Math.max(start + length, anchor + ref.length() + length - half));
        byte[] bases = sequence.bases(contig, start, fetchEnd);
        String genomeRef = new String(bases, half, ref.length(), StandardCharsets.US_ASCII);
        if (!genomeRef.equalsIgnoreCase(ref)) {
            return all(record, alts.size(), REF_MISMATCH);
        }
        SequenceWindow reference = new SequenceWindow(new Window(contig, start, start + length), bases, 0);
        List<SequenceWindow> windows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Allele alt : alts) {
            String reason = unscorable(alt);
            SequenceWindow window = reason == null ? alternative(contig, start, bases, ref.length(), alt.getBaseString(), fetchEnd) : null;
            if (reason == null && window == null) {
                reason = OFF_CONTIG;
            }
            windows.add(window);
            reasons.add(reason);
        }
        return new VariantRecord(record, reference, windows, reasons, strands);
    }

    private static String unscorable(Allele alt) {
        if (alt.equals(Allele.SPAN_DEL)) {
            return SPANNING_DELETION;
        }
        if (alt.isBreakpoint() || alt.isSingleBreakend()) {
            return BREAKEND;
        }
        if (alt.isSymbolic() || alt.isNoCall()) {
            return SYMBOLIC;
        }
        return null;
    }

    /** The ALT window, or null when its right flank would run off the contig. */
    private SequenceWindow alternative(String contig, int start, byte[] bases, int refLength, String alt, int fetchEnd) {
        int half = length / 2;
        byte[] window = new byte[length];
        System.arraycopy(bases, 0, window, 0, half);
        byte[] altBases = alt.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        int altTaken = Math.min(altBases.length, length - half);
        System.arraycopy(altBases, 0, window, half, altTaken);
        int flank = length - half - altTaken;
        int flankStart = half + refLength;
        if (start + flankStart + flank > fetchEnd) {
            return null;
        }
        System.arraycopy(bases, flankStart, window, half + altTaken, flank);
        return new SequenceWindow(new Window(contig, start, start + length), window, 0);
    }

    private VariantRecord all(VcfLineReader.Record record, int alleles, String reason) {
        List<SequenceWindow> none = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < alleles; i++) {
            none.add(null);
            reasons.add(reason);
        }
        return new VariantRecord(record, null, none, reasons, strands);
    }
}
