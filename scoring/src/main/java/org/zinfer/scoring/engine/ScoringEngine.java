package org.zinfer.scoring.engine;

import org.zinfer.formats.encoding.BothStrands;
import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.Span;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Walks a tool's items, gathers their windows into batches (an item's windows may span two batches), scores
 * up to scorer.parallelism() batches at once on worker threads while this thread reads and encodes the next
 * ones, and hands every item back to the tool's sink with its windows' scores, in input order. Items are the
 * tool's own (a genome window, a VCF record): the engine reads their windows and nothing else.
 */
public final class ScoringEngine {
    public static final int DEFAULT_BATCH = 256;

    /** windows [first, first + count) of an item; last: the item ends in this batch. */
    private record Part<T>(T item, int first, int count, boolean last) {
    }

    private record Batch<T>(List<Part<T>> parts, int windows, Future<float[]> scores) {
    }

    private final WindowScorer scorer;
    private final int length;
    private final int batchSize;

    public ScoringEngine(WindowScorer scorer, int windowLength, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.scorer = scorer;
        this.length = windowLength;
        this.batchSize = batchSize;
    }

    /** Scores the windows of all items and returns how many windows were scored. */
    public <T extends Encodable> long run(Iterator<T> items, ScoreSink<T> sink, ProgressMeter progress) {
        return run(items, item -> 0, sink, progress);
    }

    /**
     * As {@link #run(Iterator, Function, ScoreSink, ProgressMeter)}; with bothStrands each window is read on both
     * strands and the sink gets every window's mean of its two strands' scores ({@link StrandMean}): twice the
     * windows to score, and twice as many counted.
     */
    public <T extends Encodable> long run(Iterator<T> items, Function<T, Object> group, ScoreSink<T> sink, ProgressMeter progress,
                                          boolean bothStrands) {
        if (!bothStrands) {
            return run(items, group, sink, progress);
        }
        Iterator<BothStrands<T>> both = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public BothStrands<T> next() {
                return new BothStrands<>(items.next());
            }
        };
        return run(both, item -> group.apply(item.item()), StrandMean.sink(sink, scorer.outputs()), progress);
    }

    /**
     * As {@link #run(Iterator, ScoreSink, ProgressMeter)}, never putting windows of items of different groups in
     * one batch. Scans group windows by genome tiles, so that a scorer whose bits depend on its batches (DL4J)
     * sees the same batches whichever chunk of the genome a scan covers.
     */
    public <T extends Encodable> long run(Iterator<T> items, Function<T, Object> group, ScoreSink<T> sink, ProgressMeter progress) {
        int workers = Math.max(1, scorer.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "zinfer-scorer");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<Batch<T>> inFlight = new ArrayDeque<>();
        Delivery<T> delivery = new Delivery<>(sink, scorer.outputs(), progress);
        try {
            Batches<T> batches = new Batches<>(items, group, pool);
            while (batches.hasNext()) {
                inFlight.add(batches.next());
                if (inFlight.size() > workers) {
                    delivery.deliver(inFlight.poll());
                }
            }
            while (!inFlight.isEmpty()) {
                delivery.deliver(inFlight.poll());
            }
            return delivery.windows;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cuts the items' windows into batches and submits each for scoring. */
    private final class Batches<T extends Encodable> implements Iterator<Batch<T>> {
        private final Iterator<T> items;
        private final Function<T, Object> group;
        private final ExecutorService pool;
        private T item;
        private int nextWindow;
        private T peeked;

        Batches(Iterator<T> items, Function<T, Object> group, ExecutorService pool) {
            this.items = items;
            this.group = group;
            this.pool = pool;
        }

        @Override
        public boolean hasNext() {
            return item != null || peeked != null || items.hasNext();
        }

        @Override
        public Batch<T> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Part<T>> parts = new ArrayList<>();
            byte[] channels = new byte[batchSize * length];
            Span[] read = new Span[batchSize];
            int windows = 0;
            Object key = item != null ? group.apply(item) : null;
            while (windows < batchSize && (item != null || takeItem(key))) {
                key = key != null ? key : group.apply(item);
                int count = Math.min(item.windows() - nextWindow, batchSize - windows);
                for (int w = 0; w < count; w++) {
                    item.encode(nextWindow + w, channels, (windows + w) * length);
                    read[windows + w] = item.read(nextWindow + w);
                }
                boolean last = nextWindow + count == item.windows();
                parts.add(new Part<>(item, nextWindow, count, last));
                windows += count;
                nextWindow += count;
                if (last) {
                    item = null;
                }
            }
            int scored = windows;
            Future<float[]> scores = scored == 0 ? CompletableFuture.completedFuture(new float[0])
                    : pool.submit(() -> scorer.score(channels, scored, read));
            return new Batch<>(parts, windows, scores);
        }

        /** Takes the next item if there is one and it belongs to the group key (any group when key is null). */
        private boolean takeItem(Object key) {
            if (peeked == null) {
                if (!items.hasNext()) {
                    return false;
                }
                peeked = items.next();
                if (peeked.windows() > 0 && peeked.length() != length) {
                    throw new IllegalArgumentException("a window of " + peeked.length() + " nt given to a model of " + length + "-nt windows");
                }
            }
            if (key != null && !group.apply(peeked).equals(key)) {
                return false;
            }
            item = peeked;
            peeked = null;
            nextWindow = 0;
            return true;
        }
    }

    /** Hands scored items to the sink in order; gathers the scores of an item whose windows span batches. */
    private static final class Delivery<T extends Encodable> {
        private final ScoreSink<T> sink;
        private final int outputs;
        private final ProgressMeter progress;
        private float[] spanning;
        private long windows;

        Delivery(ScoreSink<T> sink, int outputs, ProgressMeter progress) {
            this.sink = sink;
            this.outputs = outputs;
            this.progress = progress;
        }

        void deliver(Batch<T> batch) {
            float[] scores = Futures.await(batch.scores(), "scoring");
            int at = 0;
            for (Part<T> part : batch.parts()) {
                if (part.first() == 0 && part.last()) {
                    sink.accept(part.item(), scores, at * outputs);
                } else {
                    if (part.first() == 0) {
                        spanning = new float[part.item().windows() * outputs];
                    }
                    System.arraycopy(scores, at * outputs, spanning, part.first() * outputs, part.count() * outputs);
                    if (part.last()) {
                        sink.accept(part.item(), spanning, 0);
                    }
                }
                at += part.count();
            }
            windows += batch.windows();
            progress.advance(batch.windows());
        }
    }
}
