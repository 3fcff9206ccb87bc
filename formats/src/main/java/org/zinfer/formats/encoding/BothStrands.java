package org.zinfer.formats.encoding;

/**
 * An item read on both strands: for each of its windows, the window and then its reverse complement (so
 * window 2i is the item's window i, window 2i + 1 its reverse complement), as variant records lay out theirs.
 */
public record BothStrands<T extends Encodable>(T item) implements Encodable {
    @Override
    public int windows() {
        return 2 * item.windows();
    }

    @Override
    public int length() {
        return item.length();
    }

    @Override
    public void encode(int window, byte[] dest, int offset) {
        item.encode(window / 2, dest, offset);
        if (window % 2 == 1) {
            OneHot.reverseComplementChannels(dest, offset, length());
        }
    }
}
