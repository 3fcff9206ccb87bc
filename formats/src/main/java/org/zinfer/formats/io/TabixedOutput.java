package org.zinfer.formats.io;

import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.tribble.SimpleFeature;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import htsjdk.tribble.util.TabixUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A bgzip-compressed text file and its tabix index (.tbi), both written under temporary names and renamed
 * into place on {@link #commit()}. Lines that carry a feature are indexed at the position they start.
 */
public final class TabixedOutput implements AutoCloseable {
    private final AtomicOutput output;
    private final AtomicOutput index;
    private final BlockCompressedOutputStream out;
    private final TabixIndexCreator indexer;
    private boolean closed;

    public TabixedOutput(Path target, TabixIndexCreator indexer) {
        this.output = new AtomicOutput(target);
        this.index = new AtomicOutput(target.resolveSibling(target.getFileName() + TabixUtils.STANDARD_INDEX_EXTENSION));
        this.out = new BlockCompressedOutputStream(output.temporary().toFile());
        this.indexer = indexer;
    }

    public TabixedOutput(Path target, TabixFormat format) {
        this(target, new TabixIndexCreator(format));
    }

    public Path target() {
        return output.target();
    }

    /** Writes text that is not indexed (a header). */
    public void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.target(), e);
        }
    }

    /** Writes one line of a feature: contig, 1-based start and inclusive end. */
    public void write(String line, String contig, int start, int end) {
        indexer.addFeature(new SimpleFeature(contig, start, end), out.getFilePointer());
        write(line);
    }

    public void commit() {
        try {
            long end = out.getFilePointer();
            closeStream();
            indexer.finalizeIndex(end).write(index.temporary());
            index.commit();
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.target(), e);
        } finally {
            close();
        }
    }

    private void closeStream() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }

    /** Deletes the temporary files unless committed. */
    @Override
    public void close() {
        try {
            closeStream();
        } catch (IOException | RuntimeException ignored) {
            // abandoned temporary file, deleted next
        }
        output.close();
        index.close();
    }
}
