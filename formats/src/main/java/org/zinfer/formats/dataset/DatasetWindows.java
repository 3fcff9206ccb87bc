package org.zinfer.formats.dataset;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The windows [from, to) of a dataset as sequences, for the scoring engine: window i is named
 * 'file.h5#i'. A position with one channel set is that base, one with none is N; anything else
 * (soft or multi-hot data) is refused.
 */
public final class DatasetWindows implements Iterator<SequenceWindow> {
    private static final int BLOCK = 256;
    private final WindowDataset dataset;
    private final long to;
    private final String name;
    private final ArrayDeque<SequenceWindow> ready = new ArrayDeque<>();
    private long next;

    public DatasetWindows(WindowDataset dataset, long from, long to) {
        this.dataset = dataset;
        this.next = from;
        this.to = to;
        this.name = dataset.path().getFileName().toString();
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && next < to) {
            WindowBatch batch = dataset.read(next, (int) Math.min(BLOCK, to - next));
            for (int w = 0; w < batch.count(); w++) {
                long index = batch.start() + w;
                ready.add(new SequenceWindow(new Window(name + "#" + index, 0, batch.windowLength()), bases(batch, w, index), 0));
            }
            next += batch.count();
        }
        return !ready.isEmpty();
    }

    @Override
    public SequenceWindow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private byte[] bases(WindowBatch batch, int w, long index) {
        int length = batch.windowLength();
        byte[] bases = new byte[length];
        float[] data = batch.data();
        int base = w * OneHot.CHANNELS * length;
        for (int i = 0; i < length; i++) {
            byte symbol = 'N';
            for (int c = 0; c < OneHot.CHANNELS; c++) {
                float v = data[base + c * length + i];
                if (v == 1f && symbol == 'N') {
                    symbol = (byte) OneHot.ALPHABET.charAt(c);
                } else if (v != 0f) {
                    throw new InputException("dataset " + dataset.path() + " window " + index + " position " + i
                            + " is not one-hot; only 0/1 one-hot windows can be scored");
                }
            }
            bases[i] = symbol;
        }
        return bases;
    }
}
