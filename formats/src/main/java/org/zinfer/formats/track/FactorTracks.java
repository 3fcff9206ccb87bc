package org.zinfer.formats.track;

import org.zinfer.formats.genome.Contig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The track files of a scan, per factor: FACTOR.bw (bigWig), FACTOR.bedGraph.gz (bgzip, tabix-indexed)
 * and, with a threshold, FACTOR.bed listing the windows that score at least that much. Values come in
 * contig order, starts increasing; all files appear together on {@link #commit()}.
 * <p>
 * Writing is parallel: values are gathered in blocks, and each block is written by several writer threads, each
 * owning a fixed group of factors, so that every file is written by one thread in order and its bytes do not
 * depend on the number of threads. At most a few blocks wait; a caller that outruns the writers waits too, and
 * {@link #waitedSeconds()} says for how long.
 */
public final class FactorTracks implements AutoCloseable {
    private static final int BLOCK = 4096;
    private static final int BLOCKS_IN_FLIGHT = 4;
    private final List<String> factors;
    private final List<FactorWriters> writers = new ArrayList<>();
    private final List<ExecutorService> groups = new ArrayList<>();
    private final Semaphore inFlight = new Semaphore(BLOCKS_IN_FLIGHT);
    private final List<Future<?>> pending = new ArrayList<>();
    private final Map<String, Integer> lengths = new HashMap<>();
    private final boolean bedFiles;
    private Block block;
    private String contig;
    private int end;
    private long waitedNanos;

    /** Rows of a block: a track interval (window false) or a window for the BED files (window true), with every factor's score. */
    private record Block(String[] contigs, int[] starts, int[] ends, boolean[] windows, float[] scores, int[] size) {
        static Block of(int factors) {
            return new Block(new String[BLOCK], new int[BLOCK], new int[BLOCK], new boolean[BLOCK], new float[BLOCK * factors], new int[1]);
        }
    }

    /**
     * @param typicalSpan usual interval length (the scan step), to size zoom levels
     * @param threshold   minimum window score for FACTOR.bed, or null for no BED files
     */
    public FactorTracks(Path directory, List<String> factors, List<Contig> contigs, int typicalSpan, Float threshold) {
        this(directory, factors, contigs, typicalSpan, threshold, Runtime.getRuntime().availableProcessors());
    }

    /** As above, writing with this many threads. */
    public FactorTracks(Path directory, List<String> factors, List<Contig> contigs, int typicalSpan, Float threshold, int threads) {
        this.factors = List.copyOf(factors);
        this.bedFiles = threshold != null;
        contigs.forEach(c -> lengths.put(c.name(), c.length()));
        this.block = Block.of(factors.size());
        try {
            Files.createDirectories(directory);
            for (int f = 0; f < factors.size(); f++) {
                writers.add(new FactorWriters(directory, factors.get(f), f, contigs, typicalSpan, threshold));
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create track files in " + directory, e);
        }
        for (int g = 0; g < Math.max(1, Math.min(threads, factors.size())); g++) {
            groups.add(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "zinfer-track-writer");
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    public List<String> factors() {
        return factors;
    }

    /**
     * Sets the value of [start, end) of a contig for every factor, scores[offset + f] for factor f, clipped to
     * the contig; where it overlaps the interval set before it, the earlier keeps its bases (the rule scans and
     * merges share). Returns whether any base was left to set.
     */
    public boolean add(String contig, int start, int end, float[] scores, int offset) {
        if (!contig.equals(this.contig)) {
            this.contig = contig;
            this.end = 0;
        }
        int from = Math.max(Math.max(start, 0), this.end);
        int to = Math.min(end, lengths.get(contig));
        if (from >= to) {
            return false;
        }
        row(contig, from, to, false, scores, offset);
        this.end = to;
        return true;
    }

    /** Lists the window [start, end) in FACTOR.bed for each factor it scores at least the threshold for. */
    public void addWindow(String contig, int start, int end, float[] scores, int offset) {
        if (!bedFiles) {
            return;
        }
        row(contig, start, end, true, scores, offset);
    }

    /** Seconds the caller waited for the writers: when large, writing tracks limits the scan. */
    public double waitedSeconds() {
        return waitedNanos / 1e9;
    }

    private void row(String contig, int start, int end, boolean window, float[] scores, int offset) {
        int n = block.size()[0]++;
        block.contigs()[n] = contig;
        block.starts()[n] = start;
        block.ends()[n] = end;
        block.windows()[n] = window;
        System.arraycopy(scores, offset, block.scores(), n * factors.size(), factors.size());
        if (n + 1 == BLOCK) {
            flush();
        }
    }

    /** Hands the block to every writer group and starts a new one; waits while too many blocks are unwritten. */
    private void flush() {
        if (block.size()[0] == 0) {
            return;
        }
        long started = System.nanoTime();
        inFlight.acquireUninterruptibly();
        waitedNanos += System.nanoTime() - started;
        Block full = block;
        block = Block.of(factors.size());
        int[] remaining = {groups.size()};
        for (int g = 0; g < groups.size(); g++) {
            int group = g;
            pending.add(groups.get(g).submit(() -> {
                try {
                    write(full, group);
                } finally {
                    synchronized (remaining) {
                        if (--remaining[0] == 0) {
                            inFlight.release();
                        }
                    }
                }
                return null;
            }));
        }
        pending.removeIf(Future::isDone);
        rethrowFailures(false);
    }

    /** The block's rows for the factors of one group. */
    private void write(Block block, int group) throws IOException {
        int count = factors.size();
        for (int f = group; f < count; f += groups.size()) {
            FactorWriters factor = writers.get(f);
            for (int n = 0; n < block.size()[0]; n++) {
                float score = block.scores()[n * count + f];
                if (block.windows()[n]) {
                    factor.window(block.contigs()[n], block.starts()[n], block.ends()[n], score);
                } else {
                    factor.interval(block.contigs()[n], block.starts()[n], block.ends()[n], score);
                }
            }
        }
    }

    /** Throws the first failure of a writer task; with all, waits for every task first. */
    private void rethrowFailures(boolean all) {
        for (Future<?> future : pending) {
            if (!all && !future.isDone()) {
                continue;
            }
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing tracks", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new UncheckedIOException("cannot write track files", io);
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("a track writer failed", cause);
            }
        }
    }

    /** Writes what is left, finishes every file (in parallel) and moves them into place. */
    public void commit() {
        try {
            flush();
            for (int g = 0; g < groups.size(); g++) {
                int group = g;
                pending.add(groups.get(g).submit(() -> {
                    for (int f = group; f < factors.size(); f += groups.size()) {
                        writers.get(f).finish();
                    }
                    return null;
                }));
            }
            rethrowFailures(true);
            for (FactorWriters factor : writers) {
                factor.publish();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write BED files", e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        for (ExecutorService group : groups) {
            group.shutdownNow();
        }
        for (ExecutorService group : groups) {
            try {
                group.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (FactorWriters factor : writers) {
            factor.close();
        }
    }
}
