package org.zinfer.scoring.simulation;

import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.motif.MotifMatrix;

import java.util.List;
import java.util.Random;

/** Writes sampled motif instances into sequence, on either strand, avoiding sites already taken. */
public final class MotifImplanter {
    private static final int ATTEMPTS = 100;

    private MotifImplanter() {
    }

    /**
     * Implants one instance of the motif at a random free position of bases[from, to); marks its bases as
     * taken. Returns the site, or null when no free place was found.
     */
    public static ImplantedSite implant(byte[] bases, boolean[] taken, int from, int to, int factor, MotifMatrix motif, Random random) {
        int width = motif.length();
        if (to - from < width) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int position = from + random.nextInt(to - from - width + 1);
            if (free(taken, position, width)) {
                boolean minus = random.nextBoolean();
                byte[] instance = motif.sample(random);
                System.arraycopy(minus ? Sequences.reverseComplement(instance) : instance, 0, bases, position, width);
                for (int i = position; i < position + width; i++) {
                    taken[i] = true;
                }
                return new ImplantedSite(factor, position, position + width, minus);
            }
        }
        return null;
    }

    private static boolean free(boolean[] taken, int position, int width) {
        for (int i = position; i < position + width; i++) {
            if (taken[i]) {
                return false;
            }
        }
        return true;
    }

    /** The longest of the motifs, for spacing checks. */
    public static int longest(List<MotifMatrix> motifs) {
        return motifs.stream().mapToInt(MotifMatrix::length).max().orElse(0);
    }

    /** A motif instance: factor index, [start, end) in the sequence, and strand. */
    public record ImplantedSite(int factor, int start, int end, boolean minusStrand) {
    }
}
