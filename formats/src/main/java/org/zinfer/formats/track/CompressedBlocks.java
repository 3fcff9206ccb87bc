package org.zinfer.formats.track;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * A sequence of zlib-compressed blocks written to a temporary file, with the index entry of each block.
 * Offsets are relative to the start of the temporary file; {@link #copyTo} moves them into the bbi file.
 */
final class CompressedBlocks implements AutoCloseable {
    private final Path file;
    private final OutputStream out;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final List<BlockIndexEntry> entries = new ArrayList<>();
    private byte[] compressed = new byte[1 << 16];
    private long written;
    private long records;
    private int largestUncompressed;

    CompressedBlocks(Path file) throws IOException {
        this.file = file;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    /** Compresses buffer[0, position) as one block covering [start, end) of chrom, holding some records. */
    void write(ByteBuffer buffer, int chrom, int start, int end, int recordCount) throws IOException {
        int length = buffer.position();
        largestUncompressed = Math.max(largestUncompressed, length);
        deflater.reset();
        deflater.setInput(buffer.array(), 0, length);
        deflater.finish();
        int size = 0;
        while (!deflater.finished()) {
            if (size == compressed.length) {
                compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
            }
            size += deflater.deflate(compressed, size, compressed.length - size);
        }
        out.write(compressed, 0, size);
        entries.add(new BlockIndexEntry(chrom, start, chrom, end, written, size));
        written += size;
        records += recordCount;
    }

    long blocksWritten() {
        return entries.size();
    }

    long records() {
        return records;
    }

    int largestUncompressed() {
        return largestUncompressed;
    }

    /** Copies the blocks to the channel at its position and returns their index entries with absolute offsets. */
    List<BlockIndexEntry> copyTo(FileChannel target) throws IOException {
        out.flush();
        long base = target.position();
        try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
            long done = 0;
            while (done < written) {
                done += source.transferTo(done, written - done, target);
            }
        }
        target.position(base + written);
        List<BlockIndexEntry> absolute = new ArrayList<>(entries.size());
        for (BlockIndexEntry e : entries) {
            absolute.add(new BlockIndexEntry(e.startChrom(), e.startBase(), e.endChrom(), e.endBase(), base + e.offset(), e.size()));
        }
        return absolute;
    }

    static ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() throws IOException {
        out.close();
        deflater.end();
        Files.deleteIfExists(file);
    }
}
