package org.zinfer.formats.dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads windows and labels from an HDF5 file in the thesis' layout: {@value #DATA} of shape (N, 4, length)
 * or (N, length, 4), any integer or float type, channels A,C,G,T, and {@value #LABELS} (N, K) of 0/1.
 * Windows are read in slices, never the whole file at once. Factor names come from the {@value #FACTORS}
 * attribute when present (factor1..factorK otherwise).
 */
public final class WindowDataset implements AutoCloseable {
    public static final String DATA = "data";
    public static final String LABELS = "binlabels";
    public static final String FACTORS = "factors";
    public static final String ALPHABET = "alphabet";
    public static final String PROVENANCE = "provenance";

    private final Path path;
    private final HdfFile file;
    private final Dataset data;
    private final Dataset labels;
    private final long size;
    private final int windowLength;
    private final boolean channelsLast;
    private final List<String> factors;

    private WindowDataset(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
        this.data = dataset(DATA);
        this.labels = dataset(LABELS);
        long[] shape = data.getDimensionsAsLong();
        if (shape.length != 3 || (shape[1] != OneHot.CHANNELS && shape[2] != OneHot.CHANNELS)) {
            throw error("'" + DATA + "' has shape " + Arrays.toString(shape) + "; expected (N, 4, length) or (N, length, 4)");
        }
        requireNumeric(data);
        requireNumeric(labels);
        this.size = shape[0];
        this.channelsLast = shape[1] != OneHot.CHANNELS;
        this.windowLength = (int) (channelsLast ? shape[1] : shape[2]);
        long[] labelShape = labels.getDimensionsAsLong();
        if (labelShape.length != 2 || labelShape[0] != size) {
            throw error("'" + LABELS + "' has shape " + Arrays.toString(labelShape) + "; expected (" + size + ", factors) to match '" + DATA + "'");
        }
        this.factors = factorNames((int) labelShape[1]);
    }

    public static WindowDataset open(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new InputException("dataset not found: " + path);
        }
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (HdfException | IllegalArgumentException e) {
            throw new InputException("dataset " + path + " is not an HDF5 file: " + e.getMessage(), e);
        }
        try {
            return new WindowDataset(path, file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public int windowLength() {
        return windowLength;
    }

    public List<String> factors() {
        return factors;
    }

    /** The provenance attribute, or "" when the file has none. */
    public String provenance() {
        Attribute attribute = file.getAttribute(PROVENANCE);
        return attribute == null ? "" : String.valueOf(attribute.getData());
    }

    /** Windows [start, start + count), count clipped to the end of the file. */
    public WindowBatch read(long start, int count) {
        int n = (int) Math.min(count, size - start);
        int length = windowLength;
        float[] oneHot = new float[n * OneHot.CHANNELS * length];
        long[] offset = {start, 0, 0};
        int[] shape = channelsLast ? new int[] {n, length, OneHot.CHANNELS} : new int[] {n, OneHot.CHANNELS, length};
        Object slice = readSlice(data, offset, shape);
        for (int w = 0; w < n; w++) {
            Object window = Array.get(slice, w);
            for (int a = 0; a < shape[1]; a++) {
                Object row = Array.get(window, a);
                if (!channelsLast && row instanceof byte[] bytes) {
                    // zinfer's own layout, (N, 4, length) uint8: no float copy of each row
                    int at = (w * OneHot.CHANNELS + a) * length;
                    for (int b = 0; b < length; b++) {
                        oneHot[at + b] = bytes[b];
                    }
                    continue;
                }
                float[] values = floats(row);
                for (int b = 0; b < shape[2]; b++) {
                    int channel = channelsLast ? b : a;
                    int position = channelsLast ? a : b;
                    oneHot[(w * OneHot.CHANNELS + channel) * length + position] = values[b];
                }
            }
        }
        return new WindowBatch(start, n, length, factors.size(), oneHot, labels(start, n));
    }

    /** The labels of windows [start, start + count), [window][factor], without reading their sequence. */
    public float[] labels(long start, int count) {
        int n = (int) Math.min(count, size - start);
        float[] values = new float[n * factors.size()];
        Object slice = readSlice(labels, new long[] {start, 0}, new int[] {n, factors.size()});
        for (int w = 0; w < n; w++) {
            System.arraycopy(floats(Array.get(slice, w)), 0, values, w * factors.size(), factors.size());
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0f && values[i] != 1f) {
                throw error("'" + LABELS + "' of window " + (start + i / factors.size()) + ", factor " + factors.get(i % factors.size())
                        + " is " + values[i] + "; labels must be 0 or 1");
            }
        }
        return values;
    }

    private Object readSlice(Dataset dataset, long[] offset, int[] shape) {
        try {
            return dataset.getData(offset, shape);
        } catch (HdfException e) {
            throw error("cannot read '" + dataset.getName() + "' at window " + offset[0] + ": " + e.getMessage());
        }
    }

    private static float[] floats(Object row) {
        if (row instanceof float[] values) {
            return values;
        }
        int n = Array.getLength(row);
        float[] out = new float[n];
        if (row instanceof byte[] bytes) {
            for (int i = 0; i < n; i++) {
                out[i] = bytes[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) Array.getDouble(row, i);
            }
        }
        return out;
    }

    private Dataset dataset(String name) {
        Node node = file.getChildren().get(name);
        if (!(node instanceof Dataset dataset)) {
            throw error("lacks the dataset '" + name + "' (expected '" + DATA + "' (N, 4, length) and '" + LABELS + "' (N, K))");
        }
        return dataset;
    }

    private void requireNumeric(Dataset dataset) {
        Class<?> type = dataset.getJavaType();
        if (!(type.isPrimitive() && type != boolean.class && type != char.class)) {
            throw error("'" + dataset.getName() + "' holds " + type.getSimpleName() + " values; expected integers or floats");
        }
    }

    private List<String> factorNames(int count) {
        Attribute attribute = file.getAttribute(FACTORS);
        if (attribute == null) {
            int width = String.valueOf(count).length();
            return IntStream.rangeClosed(1, count).mapToObj(i -> String.format("factor%0" + width + "d", i)).toList();
        }
        Object value = attribute.getData();
        List<String> names = value instanceof String[] array ? List.of(array) : List.of(String.valueOf(value));
        if (names.size() != count) {
            throw error("names " + names.size() + " factors but '" + LABELS + "' has " + count + " label columns");
        }
        return names;
    }

    private InputException error(String problem) {
        return new InputException("dataset " + path + " " + problem);
    }

    @Override
    public void close() {
        file.close();
    }
}
