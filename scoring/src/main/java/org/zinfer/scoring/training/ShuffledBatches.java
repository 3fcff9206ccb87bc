package org.zinfer.scoring.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * One epoch's batches in a shuffled order that depends only on the seed and the epoch, so that a resumed
 * run sees the same batches. Examples are read in blocks (runs of consecutive examples, cheap to read from
 * a chunked file); the block order is shuffled, and examples are shuffled within a pool of several blocks.
 */
public final class ShuffledBatches implements Iterator<Examples.Rows> {
    static final int BLOCK = 256;
    private static final int POOL_BLOCKS = 16;

    private final Examples examples;
    private final int batchSize;
    private final Random random;
    private final List<Long> blocks = new ArrayList<>();
    private final List<float[][]> pool = new ArrayList<>();
    private int nextBlock;
    private int poolPosition;

    public ShuffledBatches(Examples examples, int batchSize, long seed, int epoch) {
        this.examples = examples;
        this.batchSize = batchSize;
        this.random = new Random(seed * 1_000_003L + epoch);
        for (long start = 0; start < examples.size(); start += BLOCK) {
            blocks.add(start);
        }
        Collections.shuffle(blocks, random);
    }

    @Override
    public boolean hasNext() {
        return poolPosition < pool.size() || nextBlock < blocks.size();
    }

    @Override
    public Examples.Rows next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<float[][]> batch = new ArrayList<>(batchSize);
        while (batch.size() < batchSize && hasNext()) {
            if (poolPosition == pool.size()) {
                refill();
            }
            batch.add(pool.get(poolPosition++));
        }
        int inputWidth = batch.get(0)[0].length;
        int factors = examples.factors();
        float[] inputs = new float[batch.size() * inputWidth];
        float[] labels = new float[batch.size() * factors];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i)[0], 0, inputs, i * inputWidth, inputWidth);
            System.arraycopy(batch.get(i)[1], 0, labels, i * factors, factors);
        }
        return new Examples.Rows(batch.size(), inputs, labels);
    }

    private void refill() {
        pool.clear();
        poolPosition = 0;
        int factors = examples.factors();
        for (int b = 0; b < POOL_BLOCKS && nextBlock < blocks.size(); b++) {
            Examples.Rows rows = examples.read(blocks.get(nextBlock++), BLOCK);
            int width = rows.inputs().length / rows.count();
            for (int i = 0; i < rows.count(); i++) {
                float[] input = new float[width];
                float[] label = new float[factors];
                System.arraycopy(rows.inputs(), i * width, input, 0, width);
                System.arraycopy(rows.labels(), i * factors, label, 0, factors);
                pool.add(new float[][] {input, label});
            }
        }
        Collections.shuffle(pool, random);
    }
}
