package org.zinfer.scoring.training;

/** Feature vectors held in memory (e.g. the output of a frozen trunk), with their labels. */
public record FeatureExamples(float[] features, int width, float[] labels, int factors) implements Examples {
    @Override
    public long size() {
        return labels.length / factors;
    }

    @Override
    public long[] inputShape() {
        return new long[] {width};
    }

    @Override
    public Rows read(long start, int count) {
        int n = (int) Math.min(count, size() - start);
        float[] inputs = new float[n * width];
        float[] rowLabels = new float[n * factors];
        System.arraycopy(features, (int) start * width, inputs, 0, n * width);
        System.arraycopy(labels, (int) start * factors, rowLabels, 0, n * factors);
        return new Rows(n, inputs, rowLabels);
    }
}
