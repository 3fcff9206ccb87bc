package org.zinfer.scoring.training;

import org.zinfer.formats.encoding.OneHot;

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
    private final Augmentation augmentation;
    private final long seed;
    private final int epoch;
    private final List<Long> blocks = new ArrayList<>();
    /** The pool: a few blocks as read (and where each starts), and the shuffled order of their rows as block << 16 | row. */
    private final List<Examples.Rows> pool = new ArrayList<>();
    private final List<Long> poolStarts = new ArrayList<>();
    private final List<Integer> order = new ArrayList<>();
    private int nextBlock;
    private int poolPosition;
    private long served;

    /** augmentation: applied to window examples ([4][length] one-hot) as they go into a batch. */
    public ShuffledBatches(Examples examples, int batchSize, long seed, int epoch, Augmentation augmentation) {
        this.examples = examples;
        this.batchSize = batchSize;
        this.random = new Random(seed * 1_000_003L + epoch);
        this.augmentation = augmentation;
        this.seed = seed;
        this.epoch = epoch;
        for (long start = 0; start < examples.size(); start += BLOCK) {
            blocks.add(start);
        }
        Collections.shuffle(blocks, random);
    }

    @Override
    public boolean hasNext() {
        return served < examples.size();
    }

    /** The next batch, copied straight from the pool's blocks (no copy per example: an epoch reads every window once). */
    @Override
    public Examples.Rows next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int count = (int) Math.min(batchSize, examples.size() - served);
        int factors = examples.factors();
        float[] inputs = null;
        float[] labels = new float[count * factors];
        for (int i = 0; i < count; i++) {
            if (poolPosition == order.size()) {
                refill();
            }
            int code = order.get(poolPosition++);
            Examples.Rows rows = pool.get(code >>> 16);
            int row = code & 0xFFFF;
            int width = rows.inputs().length / rows.count();
            inputs = inputs == null ? new float[count * width] : inputs;
            System.arraycopy(rows.inputs(), row * width, inputs, i * width, width);
            augmentation.apply(inputs, i * width, width / OneHot.CHANNELS, seed, epoch, poolStarts.get(code >>> 16) + row);
            System.arraycopy(rows.labels(), row * factors, labels, i * factors, factors);
        }
        served += count;
        return new Examples.Rows(count, inputs, labels);
    }

    private void refill() {
        pool.clear();
        poolStarts.clear();
        order.clear();
        poolPosition = 0;
        for (int b = 0; b < POOL_BLOCKS && nextBlock < blocks.size(); b++) {
            long start = blocks.get(nextBlock++);
            Examples.Rows rows = examples.read(start, BLOCK);
            poolStarts.add(start);
            for (int i = 0; i < rows.count(); i++) {
                order.add(pool.size() << 16 | i);
            }
            pool.add(rows);
        }
        Collections.shuffle(order, random);
    }
}
