package org.zinfer.formats.genome;

import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.OneHot;

/** A window with its bases: bases[offset, offset + window.length()). The array may be shared with other windows. */
public record SequenceWindow(Window window, byte[] bases, int offset) implements Encodable {
    @Override
    public int length() {
        return window.length();
    }

    @Override
    public void encode(int ignored, byte[] dest, int at) {
        OneHot.channels(bases, offset, window.length(), dest, at);
    }
}
