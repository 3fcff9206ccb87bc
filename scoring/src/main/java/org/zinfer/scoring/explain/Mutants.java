package org.zinfer.scoring.explain;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.Span;
import org.zinfer.formats.genome.Window;

/**
 * A genome window as channel codes and, when asked for, each of its single-base substitutions: window 0 is the
 * sequence itself, window 1 + 3i + k has base i changed to the k-th of the other three bases (A, C, G, T order).
 * A position holding N has no substitutions: its three windows are the sequence unchanged. stretch: the bases
 * whose contributions the caller takes from this window.
 */
public record Mutants(Window window, byte[] channels, boolean substitutions, Window stretch) implements Encodable {
    public static final int PER_BASE = 3;

    @Override
    public int windows() {
        return substitutions ? 1 + PER_BASE * channels.length : 1;
    }

    @Override
    public int length() {
        return channels.length;
    }

    @Override
    public void encode(int window, byte[] dest, int offset) {
        System.arraycopy(channels, 0, dest, offset, channels.length);
        if (window > 0) {
            int position = (window - 1) / PER_BASE;
            dest[offset + position] = substitute(channels[position], (window - 1) % PER_BASE);
        }
    }

    /** The stretch's bases, for the window itself; every base of a mutant (its score is per window). */
    @Override
    public Span read(int window) {
        return window > 0 ? Span.whole(length()) : new Span(stretch.start() - this.window.start(), stretch.end() - this.window.start());
    }

    /** The k-th (0-2) of the bases other than ref, or ref itself when it is N (-1). */
    static byte substitute(byte ref, int k) {
        return ref < 0 ? ref : (byte) (k < ref ? k : k + 1);
    }
}
