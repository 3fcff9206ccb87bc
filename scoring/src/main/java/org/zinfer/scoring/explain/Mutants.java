package org.zinfer.scoring.explain;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.Span;
import org.zinfer.formats.genome.Window;

/**
 * A genome window as channel codes and, when asked for, the single-base substitutions of its stretch (the bases
 * whose contributions the caller takes from this window; no other base's are computed): window 0 is the sequence
 * itself, window 1 + 3i + k has the stretch's base i changed to the k-th of the other three bases (A, C, G, T
 * order). A position holding N has no substitutions: its three windows are the sequence unchanged.
 */
public record Mutants(Window window, byte[] channels, boolean substitutions, Window stretch) implements Encodable {
    public static final int PER_BASE = 3;

    @Override
    public int windows() {
        return substitutions ? 1 + PER_BASE * stretch.length() : 1;
    }

    @Override
    public int length() {
        return channels.length;
    }

    @Override
    public void encode(int window, byte[] dest, int offset) {
        System.arraycopy(channels, 0, dest, offset, channels.length);
        if (window > 0) {
            int position = stretchStart() + (window - 1) / PER_BASE;
            dest[offset + position] = substitute(channels[position], (window - 1) % PER_BASE);
        }
    }

    @Override
    public Span read(int window) {
        return new Span(stretchStart(), stretchStart() + stretch.length());
    }

    /** The stretch's first base, counted from the window's. */
    public int stretchStart() {
        return stretch.start() - this.window.start();
    }

    /** The k-th (0-2) of the bases other than ref, or ref itself when it is N (-1). */
    static byte substitute(byte ref, int k) {
        return ref < 0 ? ref : (byte) (k < ref ? k : k + 1);
    }
}
