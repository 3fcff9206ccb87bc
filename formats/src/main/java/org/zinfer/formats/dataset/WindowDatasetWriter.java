package org.zinfer.formats.dataset;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.exceptions.HdfException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes windows and their labels in the thesis' HDF5 layout: {@value WindowDataset#DATA} (N, 4, length)
 * uint8 one-hot A,C,G,T and {@value WindowDataset#LABELS} (N, K) uint8, both chunked along N and
 * deflate-compressed, with the factor names, alphabet and provenance as attributes. jHDF writes a dataset
 * from memory in one go, so the windows are held (as bases, one byte each) until {@link #write}.
 */
public final class WindowDatasetWriter {
    static final int CHUNK_WINDOWS = 256;
    private final List<String> factors;
    private final int windowLength;
    private final List<byte[]> sequences = new ArrayList<>();
    private final List<byte[]> labels = new ArrayList<>();

    public WindowDatasetWriter(List<String> factors, int windowLength) {
        this.factors = List.copyOf(factors);
        this.windowLength = windowLength;
    }

    /** Adds one window: its bases (anything but A,C,G,T encodes as zeros) and one 0/1 label per factor. */
    public void add(byte[] bases, boolean[] present) {
        if (bases.length != windowLength || present.length != factors.size()) {
            throw new IllegalArgumentException("window of " + bases.length + " nt with " + present.length + " labels");
        }
        byte[] row = new byte[present.length];
        for (int k = 0; k < row.length; k++) {
            row[k] = (byte) (present[k] ? 1 : 0);
        }
        sequences.add(bases.clone());
        labels.add(row);
    }

    public int size() {
        return sequences.size();
    }

    /** Positive windows per factor. */
    public long[] positives() {
        long[] counts = new long[factors.size()];
        for (byte[] row : labels) {
            for (int k = 0; k < row.length; k++) {
                counts[k] += row[k];
            }
        }
        return counts;
    }

    public void write(Path target, String provenance) {
        try (AtomicOutput output = new AtomicOutput(target)) {
            try (WritableHdfFile file = HdfFile.write(output.temporary())) {
                file.putDataset(WindowDataset.DATA, oneHot(), options(OneHot.CHANNELS, windowLength));
                file.putDataset(WindowDataset.LABELS, labels.toArray(new byte[0][]), options(factors.size()));
                file.putAttribute(WindowDataset.FACTORS, factors.toArray(new String[0]));
                file.putAttribute(WindowDataset.ALPHABET, OneHot.ALPHABET);
                file.putAttribute(WindowDataset.PROVENANCE, provenance);
            }
            output.commit();
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write " + target, e.getCause());
        } catch (HdfException e) {
            throw new UncheckedIOException("cannot write " + target, new IOException(e.getMessage(), e));
        }
    }


    private byte[][][] oneHot() {
        byte[][][] data = new byte[sequences.size()][OneHot.CHANNELS][windowLength];
        for (int n = 0; n < data.length; n++) {
            byte[] bases = sequences.get(n);
            for (int i = 0; i < windowLength; i++) {
                int c = OneHot.channel(bases[i]);
                if (c >= 0) {
                    data[n][c][i] = 1;
                }
            }
        }
        return data;
    }

    private DatasetCreationOptions options(int... rowShape) {
        int[] chunk = new int[rowShape.length + 1];
        chunk[0] = Math.max(1, Math.min(CHUNK_WINDOWS, sequences.size()));
        System.arraycopy(rowShape, 0, chunk, 1, rowShape.length);
        return DatasetCreationOptions.builder().unsigned().chunkDimensions(chunk).deflate(4).build();
    }
}
