package org.zinfer.scoring.variant;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.variant.VcfLineReader;

import java.util.List;

/**
 * A VCF record with the windows zinfer variants scores for it: the REF window, then the window of each ALT
 * allele that can be scored (reasons.get(a) is null for those, else why not), each on both strands when
 * strands is 2. A record none of whose ALT alleles can be scored has no windows and passes through as it is.
 */
record VariantRecord(VcfLineReader.Record record, SequenceWindow reference, List<SequenceWindow> alternatives,
                     List<String> reasons, int strands) implements Encodable {

    /** The windows in scoring order: REF, then the scorable ALTs in order; each strand after strand. */
    @Override
    public int windows() {
        long scorable = reasons.stream().filter(reason -> reason == null).count();
        return scorable == 0 ? 0 : (int) (1 + scorable) * strands;
    }

    @Override
    public int length() {
        return reference == null ? 0 : reference.length();
    }

    @Override
    public void encode(int window, byte[] dest, int offset) {
        SequenceWindow sequence = sequence(window / strands);
        if (window % strands == 0) {
            sequence.encode(0, dest, offset);
        } else {
            byte[] reverse = Sequences.reverseComplement(sequence.bases(), sequence.offset(), sequence.length());
            OneHot.channels(reverse, 0, reverse.length, dest, offset);
        }
    }

    /** The k-th window in scoring order, leaving strands aside: 0 is REF, then the scorable ALTs. */
    private SequenceWindow sequence(int k) {
        if (k == 0) {
            return reference;
        }
        for (int a = 0; a < alternatives.size(); a++) {
            if (reasons.get(a) == null && --k == 0) {
                return alternatives.get(a);
            }
        }
        throw new IndexOutOfBoundsException("record " + record.lineNumber() + " has no window " + k);
    }
}
