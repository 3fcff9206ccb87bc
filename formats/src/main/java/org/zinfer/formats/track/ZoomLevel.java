package org.zinfer.formats.track;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One zoom level of a bigWig: summaries over bins of {@code reduction} bases that start at multiples of the
 * reduction and are clipped at the contig end. Bins without data are not written.
 */
final class ZoomLevel implements AutoCloseable {
    static final int RECORD_SIZE = 32;

    final int reduction;
    private final int itemsPerBlock;
    private final CompressedBlocks blocks;
    private final ByteBuffer block;
    private final Summary bin = new Summary();
    private int chrom = -1;
    private int chromLength;
    private int binStart;
    private int blockRecords;
    private int blockChrom;
    private int blockStart;
    private int blockEnd;

    ZoomLevel(int reduction, int itemsPerBlock, CompressedBlocks.TemporaryFile temporary) {
        this.reduction = reduction;
        this.itemsPerBlock = itemsPerBlock;
        this.blocks = new CompressedBlocks(temporary);
        this.block = CompressedBlocks.buffer(itemsPerBlock * RECORD_SIZE);
    }

    /** Adds a value over [start, end) of a contig; calls come sorted by contig id, then start. */
    void add(int chromId, int contigLength, int start, int end, float value) throws IOException {
        int position = start;
        while (position < end) {
            int binOf = position - position % reduction;
            if (chromId != chrom || binOf != binStart) {
                emitBin();
                chrom = chromId;
                chromLength = contigLength;
                binStart = binOf;
            }
            int stop = (int) Math.min(end, (long) binStart + reduction);
            bin.add(stop - position, value);
            position = stop;
        }
    }

    private void emitBin() throws IOException {
        if (bin.isEmpty()) {
            return;
        }
        if (blockRecords > 0 && (blockRecords == itemsPerBlock || blockChrom != chrom)) {
            flushBlock();
        }
        int binEnd = (int) Math.min((long) binStart + reduction, chromLength);
        if (blockRecords == 0) {
            blockChrom = chrom;
            blockStart = binStart;
        }
        blockEnd = binEnd;
        block.putInt(chrom).putInt(binStart).putInt(binEnd).putInt((int) bin.bases)
                .putFloat((float) bin.min).putFloat((float) bin.max)
                .putFloat((float) bin.sum).putFloat((float) bin.sumSquares);
        blockRecords++;
        bin.clear();
    }

    private void flushBlock() throws IOException {
        blocks.write(block, blockChrom, blockStart, blockEnd, blockRecords);
        block.clear();
        blockRecords = 0;
    }

    /** Writes out what is pending; call once, after the last add. */
    void finish() throws IOException {
        emitBin();
        if (blockRecords > 0) {
            flushBlock();
        }
    }

    CompressedBlocks blocks() {
        return blocks;
    }

    @Override
    public void close() throws IOException {
        blocks.close();
    }
}
