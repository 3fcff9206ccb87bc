package org.zinfer.formats.dataset;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.io.AtomicOutput;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes windows and their labels in the thesis' HDF5 layout: {@value WindowDataset#DATA} (N, 4, length)
 * uint8 one-hot A,C,G,T and {@value WindowDataset#LABELS} (N, K) uint8, both chunked along N and
 * deflate-compressed, with the factor names, alphabet and provenance as attributes. Windows go to the file
 * a chunk at a time, so memory does not grow with N. The file is written under a temporary name and appears
 * under its own only on {@link #commit}; closing without it (an error, a kill) leaves no file behind.
 */
public final class WindowDatasetWriter implements AutoCloseable {
    static final int CHUNK_WINDOWS = 256;
    private final List<String> factors;
    private final int windowLength;
    private final AtomicOutput output;
    private final AppendableHdf5 file;
    private final byte[] data;
    private final byte[] labels;
    private final long[] positives;
    private int buffered;
    private long size;
    private boolean closed;

    /** Starts the file (under its temporary name). */
    public WindowDatasetWriter(Path target, List<String> factors, int windowLength) {
        if ((long) CHUNK_WINDOWS * OneHot.CHANNELS * windowLength > Integer.MAX_VALUE) {
            throw new InputException("windows of " + windowLength + " nt are too long for a dataset (at most "
                    + Integer.MAX_VALUE / (CHUNK_WINDOWS * OneHot.CHANNELS) + " nt: a chunk of " + CHUNK_WINDOWS + " windows must stay under 2 GiB)");
        }
        this.factors = List.copyOf(factors);
        this.windowLength = windowLength;
        this.output = new AtomicOutput(target);
        this.file = new AppendableHdf5(output.temporary());
        file.create(WindowDataset.DATA, CHUNK_WINDOWS, OneHot.CHANNELS, windowLength);
        file.create(WindowDataset.LABELS, CHUNK_WINDOWS, factors.size());
        this.data = new byte[CHUNK_WINDOWS * OneHot.CHANNELS * windowLength];
        this.labels = new byte[CHUNK_WINDOWS * factors.size()];
        this.positives = new long[factors.size()];
    }

    /** Adds one window: its bases (anything but A,C,G,T encodes as zeros) and one 0/1 label per factor. */
    public void add(byte[] bases, boolean[] present) {
        if (bases.length != windowLength || present.length != factors.size()) {
            throw new IllegalArgumentException("window of " + bases.length + " nt with " + present.length + " labels");
        }
        int at = buffered * OneHot.CHANNELS * windowLength;
        Arrays.fill(data, at, at + OneHot.CHANNELS * windowLength, (byte) 0);
        for (int i = 0; i < windowLength; i++) {
            int c = OneHot.channel(bases[i]);
            if (c >= 0) {
                data[at + c * windowLength + i] = 1;
            }
        }
        for (int k = 0; k < present.length; k++) {
            labels[buffered * present.length + k] = (byte) (present[k] ? 1 : 0);
            positives[k] += present[k] ? 1 : 0;
        }
        buffered++;
        size++;
        if (buffered == CHUNK_WINDOWS) {
            flush();
        }
    }

    public long size() {
        return size;
    }

    /** Positive windows per factor. */
    public long[] positives() {
        return positives.clone();
    }

    /** Writes what is left and the attributes, closes the file and gives it its name. */
    public void commit(String provenance) {
        flush();
        file.attribute(WindowDataset.FACTORS, factors);
        file.attribute(WindowDataset.ALPHABET, OneHot.ALPHABET);
        file.attribute(WindowDataset.PROVENANCE, provenance);
        closeFile();
        output.commit();
    }

    /** Without {@link #commit}: deletes the temporary file. */
    @Override
    public void close() {
        try {
            closeFile();
        } finally {
            output.close();
        }
    }

    private void flush() {
        if (buffered > 0) {
            file.append(WindowDataset.DATA, data, buffered);
            file.append(WindowDataset.LABELS, labels, buffered);
            buffered = 0;
        }
    }

    private void closeFile() {
        if (!closed) {
            closed = true;
            file.close();
        }
    }
}
