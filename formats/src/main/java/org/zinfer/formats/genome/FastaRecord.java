package org.zinfer.formats.genome;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.OneHot;

/** One record of a FASTA file scored whole (zinfer predict): its name, cut at the first white space, and bases. */
public record FastaRecord(String name, byte[] bases) implements Encodable {
    @Override
    public int length() {
        return bases.length;
    }

    @Override
    public void encode(int ignored, byte[] dest, int offset) {
        OneHot.channels(bases, 0, bases.length, dest, offset);
    }
}
