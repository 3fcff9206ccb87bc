package org.zinfer.formats.genome;

import org.zinfer.formats.encoding.OneHot;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The windows of a scan: within each region, windows of a fixed length starting at region start + k * step
 * (while the start is inside the region) that lie fully inside the contig. Windows with more than a given
 * fraction of bases other than A, C, G, T are skipped and counted. The genome is read in large chunks, so
 * neighbouring windows share one array.
 */
public final class TiledWindows implements Iterator<SequenceWindow> {
    private static final int WINDOWS_PER_CHUNK = 4096;

    private final ReferenceGenome genome;
    private final ArrayDeque<Region> regions;
    private final int length;
    private final int step;
    private final int maxUnknown;
    private final ArrayDeque<SequenceWindow> ready = new ArrayDeque<>();
    private Region current;
    private long nextStart;
    private long skipped;

    public TiledWindows(ReferenceGenome genome, List<Region> regions, int length, int step, double maxUnknownFraction) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1");
        }
        this.genome = genome;
        this.regions = new ArrayDeque<>(regions);
        this.length = length;
        this.step = step;
        this.maxUnknown = (int) Math.floor(maxUnknownFraction * length);
    }

    /** How many windows a list of regions yields before N filtering, for progress reporting. */
    public static long count(ReferenceGenome genome, List<Region> regions, int length, int step) {
        long total = 0;
        for (Region region : regions) {
            long last = lastStart(region, genome.contig(region.contig()).length(), length);
            if (last >= region.start()) {
                total += (last - region.start()) / step + 1;
            }
        }
        return total;
    }

    /** The last position a window may start at in a region (may be below region start: no window). */
    private static long lastStart(Region region, int contigLength, int length) {
        return Math.min(region.end() - 1L, (long) contigLength - length);
    }

    public long skipped() {
        return skipped;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty()) {
            if (!readChunk()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public SequenceWindow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private boolean readChunk() {
        long last;
        while (true) {
            if (current == null) {
                if (regions.isEmpty()) {
                    return false;
                }
                current = regions.poll();
                nextStart = current.start();
            }
            last = lastStart(current, genome.contig(current.contig()).length(), length);
            if (nextStart <= last) {
                break;
            }
            current = null;
        }
        long windows = Math.min(WINDOWS_PER_CHUNK, (last - nextStart) / step + 1);
        int chunkStart = (int) nextStart;
        int chunkEnd = (int) (nextStart + (windows - 1) * step + length);
        byte[] bases = genome.bases(current.contig(), chunkStart, chunkEnd);
        for (int k = 0; k < windows; k++) {
            int offset = k * step;
            if (OneHot.countUnknown(bases, offset, length) > maxUnknown) {
                skipped++;
                continue;
            }
            int start = chunkStart + offset;
            ready.add(new SequenceWindow(new Window(current.contig(), start, start + length), bases, offset));
        }
        nextStart += windows * step;
        return true;
    }
}
