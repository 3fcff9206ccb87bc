package org.zinfer.formats.track;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
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
 * A sequence of zlib-compressed blocks, with the index entry of each block, held in memory until they pass
 * {@link #IN_MEMORY} bytes and in a temporary file after that: a scan of a few megabases then opens no temporary
 * file for its bigWigs (29 factors took 330 of them, 0.05-0.4 s to create on a busy disk), a whole genome's
 * stay out of the heap. Offsets are relative to the first block; {@link #copyTo} moves them into the bbi file.
 */
final class CompressedBlocks implements AutoCloseable {
    /** Compressed bytes held in memory before they go to the temporary file. */
    static final int IN_MEMORY = 256 << 10;

    /** Creates the temporary file when the blocks first need one. */
    interface TemporaryFile {
        Path create() throws IOException;
    }

    private final TemporaryFile temporary;
    private final int inMemory;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private Path file;
    private OutputStream out;
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private final List<BlockIndexEntry> entries = new ArrayList<>();
    private byte[] compressed = new byte[1 << 16];
    private long written;
    private long records;
    private int largestUncompressed;

    CompressedBlocks(TemporaryFile temporary) {
        this(temporary, IN_MEMORY);
    }

    /** As above, holding at most inMemory bytes in memory (tests spill with less). */
    CompressedBlocks(TemporaryFile temporary, int inMemory) {
        this.temporary = temporary;
        this.inMemory = inMemory;
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
        if (out == null && held.size() + size > inMemory) {
            file = temporary.create();
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            held.writeTo(out);
            held.reset();
        }
        (out != null ? out : held).write(compressed, 0, size);
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
        long base = target.position();
        if (out == null) {
            ByteBuffer bytes = ByteBuffer.wrap(held.toByteArray());
            while (bytes.hasRemaining()) {
                target.write(bytes);
            }
        } else {
            out.flush();
            try (FileChannel source = FileChannel.open(file, StandardOpenOption.READ)) {
                long done = 0;
                while (done < written) {
                    done += source.transferTo(done, written - done, target);
                }
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
        deflater.end();
        if (out != null) {
            out.close();
            Files.deleteIfExists(file);
        }
    }
}
