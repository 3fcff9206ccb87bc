package org.zinfer.formats.dataset;

import org.zinfer.formats.encoding.Encodable;

/** Window index of a dataset, with its one-hot rows already read as channel codes. */
public record DatasetWindow(long index, byte[] channels) implements Encodable {
    @Override
    public int length() {
        return channels.length;
    }

    @Override
    public void encode(int ignored, byte[] dest, int offset) {
        System.arraycopy(channels, 0, dest, offset, channels.length);
    }
}
