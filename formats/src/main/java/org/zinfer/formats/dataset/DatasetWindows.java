package org.zinfer.formats.dataset;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The windows [from, to) of a dataset, for the scoring engine, their one-hot rows read as channel codes. A
 * position with one channel set is that base, one with none is no base (N); anything else (soft or
 * multi-hot data) is refused.
 */
public final class DatasetWindows implements Iterator<DatasetWindow> {
    private static final int BLOCK = 256;
    private final WindowDataset dataset;
    private final long to;
    private final ArrayDeque<DatasetWindow> ready = new ArrayDeque<>();
    private long next;

    public DatasetWindows(WindowDataset dataset, long from, long to) {
        this.dataset = dataset;
        this.next = from;
        this.to = to;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && next < to) {
            WindowBatch batch = dataset.read(next, (int) Math.min(BLOCK, to - next));
            for (int w = 0; w < batch.count(); w++) {
                long index = batch.start() + w;
                ready.add(new DatasetWindow(index, channels(batch, w, index)));
            }
            next += batch.count();
        }
        return !ready.isEmpty();
    }

    @Override
    public DatasetWindow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private byte[] channels(WindowBatch batch, int w, long index) {
        int length = batch.windowLength();
        byte[] channels = new byte[length];
        float[] data = batch.data();
        int base = w * OneHot.CHANNELS * length;
        for (int i = 0; i < length; i++) {
            byte channel = -1;
            for (int c = 0; c < OneHot.CHANNELS; c++) {
                float v = data[base + c * length + i];
                if (v == 1f && channel < 0) {
                    channel = (byte) c;
                } else if (v != 0f) {
                    throw new InputException("dataset " + dataset.path() + " window " + index + " position " + i
                            + " is not one-hot; only 0/1 one-hot windows can be scored");
                }
            }
            channels[i] = channel;
        }
        return channels;
    }
}
