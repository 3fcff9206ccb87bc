package org.zinfer.scoring.training;

import org.zinfer.formats.dataset.WindowBatch;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.formats.encoding.OneHot;

/** Windows [from, to) of an HDF5 dataset, read from the file as they are needed. */
public record DatasetExamples(WindowDataset dataset, long from, long to) implements Examples {
    public DatasetExamples(WindowDataset dataset) {
        this(dataset, 0, dataset.size());
    }

    @Override
    public long size() {
        return to - from;
    }

    @Override
    public int factors() {
        return dataset.factors().size();
    }

    @Override
    public long[] inputShape() {
        return new long[] {OneHot.CHANNELS, dataset.windowLength()};
    }

    @Override
    public Rows read(long start, int count) {
        WindowBatch batch = dataset.read(from + start, (int) Math.min(count, size() - start));
        return new Rows(batch.count(), batch.data(), batch.labels());
    }

    /** Read from the labels alone, in chunks of windows. */
    @Override
    public float[] labels() {
        float[] labels = new float[Math.toIntExact(size() * factors())];
        int chunk = 65_536;
        for (long start = 0; start < size(); start += chunk) {
            float[] part = dataset.labels(from + start, (int) Math.min(chunk, size() - start));
            System.arraycopy(part, 0, labels, (int) start * factors(), part.length);
        }
        return labels;
    }

    /** Splits off the last fraction as validation windows, as Keras' validation_split does. */
    public DatasetExamples[] splitLast(double fraction) {
        long validation = Math.round(size() * fraction);
        return new DatasetExamples[] {new DatasetExamples(dataset, from, to - validation), new DatasetExamples(dataset, to - validation, to)};
    }
}
