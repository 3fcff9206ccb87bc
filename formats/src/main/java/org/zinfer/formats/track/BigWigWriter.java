package org.zinfer.formats.track;

import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bigWig file (UCSC bbi format, version 4) from intervals given in order: contigs in the order of
 * the list given at construction, starts increasing, no overlaps. Data goes out in zlib-compressed
 * bedGraph sections as it comes, to temporary files, so memory does not grow with the track; zoom levels
 * are reduced on the fly. {@link #commit()} assembles the file under a temporary name and renames it.
 */
public final class BigWigWriter implements AutoCloseable {
    static final int MAGIC = 0x888FFC26;
    private static final int VERSION = 4;
    private static final int HEADER_SIZE = 64;
    private static final int ZOOM_HEADER_SIZE = 24;
    private static final int SUMMARY_SIZE = 40;
    private static final int BLOCK_SIZE = 256;
    private static final int ITEMS_PER_SLOT = 1024;
    private static final int MAX_ZOOM_LEVELS = 10;
    private static final int ZOOM_INCREMENT = 4;
    private static final int SECTION_HEADER_SIZE = 24;
    private static final int BEDGRAPH_ITEM_SIZE = 12;
    private static final byte BEDGRAPH_SECTION = 1;

    private final AtomicOutput output;
    private final List<Contig> contigs;
    private final Map<String, Integer> ids = new HashMap<>();
    private final CompressedBlocks data;
    private final List<ZoomLevel> zooms = new ArrayList<>();
    private final Summary total = new Summary();
    private final ByteBuffer section = CompressedBlocks.buffer(SECTION_HEADER_SIZE + ITEMS_PER_SLOT * BEDGRAPH_ITEM_SIZE);
    private int sectionItems;
    private int sectionStart;
    private int sectionEnd;
    private int chrom = -1;
    private int lastEnd;

    /**
     * @param contigs     the contigs of the file, in the order intervals will come
     * @param typicalSpan the usual interval length; the first zoom level summarises 4 times that
     */
    public BigWigWriter(Path target, List<Contig> contigs, int typicalSpan) {
        this.output = new AtomicOutput(target);
        this.contigs = List.copyOf(contigs);
        for (int i = 0; i < contigs.size(); i++) {
            ids.put(contigs.get(i).name(), i);
        }
        data = new CompressedBlocks(() -> temporary("data"));
        long reduction = (long) Math.max(1, typicalSpan) * ZOOM_INCREMENT;
        for (int level = 0; level < MAX_ZOOM_LEVELS && reduction <= 1 << 30; level++, reduction *= ZOOM_INCREMENT) {
            String part = "zoom" + level;
            zooms.add(new ZoomLevel((int) reduction, ITEMS_PER_SLOT, () -> temporary(part)));
        }
    }

    private Path temporary(String part) throws IOException {
        Path dir = output.target().getParent();
        return Files.createTempFile(dir, "." + output.target().getFileName() + ".", "." + part);
    }

    /** Adds value over [start, end) of a contig; the interval is clipped to the contig. */
    public void add(String contig, int start, int end, float value) {
        Integer id = ids.get(contig);
        if (id == null) {
            throw new IllegalArgumentException("contig " + contig + " was not declared to the bigWig writer");
        }
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            throw new IllegalArgumentException("bigWig values must be finite, got " + value + " at " + contig + ":" + start);
        }
        end = Math.min(end, contigs.get(id).length());
        start = Math.max(start, 0);
        if (end <= start) {
            return;
        }
        if (id < chrom || (id == chrom && start < lastEnd)) {
            throw new IllegalStateException("bigWig intervals out of order or overlapping at " + contig + ":" + start);
        }
        try {
            if (sectionItems > 0 && (id != chrom || sectionItems == ITEMS_PER_SLOT)) {
                flushSection();
            }
            chrom = id;
            lastEnd = end;
            if (sectionItems == 0) {
                sectionStart = start;
                section.position(SECTION_HEADER_SIZE);
            }
            section.putInt(start).putInt(end).putFloat(value);
            sectionItems++;
            sectionEnd = end;
            total.add(end - start, value);
            for (ZoomLevel zoom : zooms) {
                zoom.add(id, contigs.get(id).length(), start, end, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary data of " + output.target(), e);
        }
    }

    private void flushSection() throws IOException {
        int position = section.position();
        section.position(0);
        section.putInt(chrom).putInt(sectionStart).putInt(sectionEnd).putInt(0).putInt(0)
                .put(BEDGRAPH_SECTION).put((byte) 0).putShort((short) sectionItems);
        section.position(position);
        data.write(section, chrom, sectionStart, sectionEnd, sectionItems);
        section.clear();
        sectionItems = 0;
    }

    /** Writes the whole file and moves it to its name. */
    public void commit() {
        try {
            if (sectionItems > 0) {
                flushSection();
            }
            for (ZoomLevel zoom : zooms) {
                zoom.finish();
            }
            List<ZoomLevel> kept = useful(zooms);
            try (FileChannel out = FileChannel.open(output.temporary(), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                writeBody(out, kept);
            }
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.target(), e);
        } finally {
            close();
        }
    }

    /** Zoom levels worth keeping: each must summarise into fewer records than the one before. */
    private static List<ZoomLevel> useful(List<ZoomLevel> zooms) {
        List<ZoomLevel> kept = new ArrayList<>();
        long previous = Long.MAX_VALUE;
        for (ZoomLevel zoom : zooms) {
            long records = zoom.blocks().records();
            if (records == 0 || records >= previous) {
                break;
            }
            kept.add(zoom);
            previous = records;
        }
        return kept;
    }

    private void writeBody(FileChannel out, List<ZoomLevel> kept) throws IOException {
        long summaryOffset = HEADER_SIZE + (long) ZOOM_HEADER_SIZE * kept.size();
        long chromTreeOffset = summaryOffset + SUMMARY_SIZE;
        out.position(chromTreeOffset);
        ChromTreeWriter.write(out, contigs);

        long dataOffset = out.position();
        ByteBuffer count = CompressedBlocks.buffer(8).putLong(data.blocksWritten());
        CirTreeWriter.writeFully(out, count);
        List<BlockIndexEntry> dataIndex = data.copyTo(out);
        long indexOffset = out.position();
        CirTreeWriter.write(out, dataIndex, BLOCK_SIZE, ITEMS_PER_SLOT, indexOffset);

        int uncompressBuffer = data.largestUncompressed();
        ByteBuffer zoomHeaders = CompressedBlocks.buffer(ZOOM_HEADER_SIZE * kept.size());
        for (ZoomLevel zoom : kept) {
            long zoomDataOffset = out.position();
            CirTreeWriter.writeFully(out, CompressedBlocks.buffer(4).putInt((int) zoom.blocks().records()));
            List<BlockIndexEntry> zoomIndex = zoom.blocks().copyTo(out);
            long zoomIndexOffset = out.position();
            CirTreeWriter.write(out, zoomIndex, BLOCK_SIZE, ITEMS_PER_SLOT, zoomIndexOffset);
            zoomHeaders.putInt(zoom.reduction).putInt(0).putLong(zoomDataOffset).putLong(zoomIndexOffset);
            uncompressBuffer = Math.max(uncompressBuffer, zoom.blocks().largestUncompressed());
        }
        CirTreeWriter.writeFully(out, CompressedBlocks.buffer(4).putInt(MAGIC));

        ByteBuffer header = CompressedBlocks.buffer(HEADER_SIZE);
        header.putInt(MAGIC).putShort((short) VERSION).putShort((short) kept.size())
                .putLong(chromTreeOffset).putLong(dataOffset).putLong(indexOffset)
                .putShort((short) 0).putShort((short) 0).putLong(0).putLong(summaryOffset)
                .putInt(uncompressBuffer).putLong(0);
        out.position(0);
        CirTreeWriter.writeFully(out, header);
        CirTreeWriter.writeFully(out, zoomHeaders);
        ByteBuffer summary = CompressedBlocks.buffer(SUMMARY_SIZE);
        summary.putLong(total.bases)
                .putDouble(total.isEmpty() ? 0 : total.min).putDouble(total.isEmpty() ? 0 : total.max)
                .putDouble(total.sum).putDouble(total.sumSquares);
        CirTreeWriter.writeFully(out, summary);
    }

    /** Deletes temporary files; the target is left as it was unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        closeQuietly(data);
        for (ZoomLevel zoom : zooms) {
            closeQuietly(zoom);
        }
        output.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // temporary file cleanup; nothing a caller can do
        }
    }
}
