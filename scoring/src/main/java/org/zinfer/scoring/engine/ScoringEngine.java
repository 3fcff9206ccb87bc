package org.zinfer.scoring.engine;

import org.zinfer.formats.genome.SequenceWindow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Walks windows, gathers them into batches, scores up to scorer.parallelism() batches at once on worker
 * threads while this thread reads the next ones, and hands every window's scores to a sink in input order.
 * Commands supply the windows and the sink; the engine owns batching, threads and progress.
 */
public final class ScoringEngine {
    public static final int DEFAULT_BATCH = 256;

    private record Scored(List<SequenceWindow> windows, Future<float[]> scores) {
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

    /** Scores all windows and returns how many were scored. */
    public long run(Iterator<SequenceWindow> windows, ScoreSink sink, ProgressMeter progress) {
        return run(windows, window -> 0, sink, progress);
    }

    /**
     * Scores all windows, never putting two windows of different groups in one batch, and returns how many were
     * scored. Scans group windows by genome tiles, so that a scorer whose bits depend on its batches (DL4J)
     * sees the same batches whichever chunk of the genome a scan covers.
     */
    public long run(Iterator<SequenceWindow> windows, Function<SequenceWindow, Object> group, ScoreSink sink, ProgressMeter progress) {
        int workers = Math.max(1, scorer.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "zinfer-scorer");
            thread.setDaemon(true);
            return thread;
        });
        ArrayDeque<Scored> inFlight = new ArrayDeque<>();
        long scored = 0;
        try {
            PeekingIterator<SequenceWindow> input = new PeekingIterator<>(windows);
            while (input.hasNext()) {
                List<SequenceWindow> batch = nextBatch(input, group);
                inFlight.add(new Scored(batch, pool.submit(() -> scorer.score(batch))));
                if (inFlight.size() > workers) {
                    scored += deliver(inFlight.poll(), sink, progress);
                }
            }
            while (!inFlight.isEmpty()) {
                scored += deliver(inFlight.poll(), sink, progress);
            }
            return scored;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<SequenceWindow> nextBatch(PeekingIterator<SequenceWindow> windows, Function<SequenceWindow, Object> group) {
        List<SequenceWindow> batch = new ArrayList<>(batchSize);
        Object key = group.apply(windows.peek());
        while (batch.size() < batchSize && windows.hasNext() && group.apply(windows.peek()).equals(key)) {
            SequenceWindow window = windows.next();
            if (window.window().length() != length) {
                throw new IllegalArgumentException("window " + window.window() + " is not " + length + " long");
            }
            batch.add(window);
        }
        return batch;
    }

    private int deliver(Scored batch, ScoreSink sink, ProgressMeter progress) {
        float[] scores;
        try {
            scores = batch.scores().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
        int outputs = scorer.outputs();
        for (int i = 0; i < batch.windows().size(); i++) {
            sink.accept(batch.windows().get(i).window(), scores, i * outputs);
        }
        progress.advance(batch.windows().size());
        return batch.windows().size();
    }

    /** An iterator that can show its next element without taking it. */
    private static final class PeekingIterator<T> implements Iterator<T> {
        private final Iterator<T> source;
        private T next;

        PeekingIterator(Iterator<T> source) {
            this.source = source;
        }

        T peek() {
            if (next == null) {
                next = source.next();
            }
            return next;
        }

        @Override
        public boolean hasNext() {
            return next != null || source.hasNext();
        }

        @Override
        public T next() {
            T element = peek();
            next = null;
            return element;
        }
    }
}
