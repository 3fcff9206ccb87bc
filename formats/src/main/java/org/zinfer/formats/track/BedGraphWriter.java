package org.zinfer.formats.track;

import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.tribble.SimpleFeature;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import htsjdk.tribble.util.TabixUtils;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a bgzip-compressed bedGraph with a tabix index (.tbi) beside it. Intervals come in the order the
 * contigs were given, starts increasing. Both files appear only on {@link #commit()}.
 */
public final class BedGraphWriter implements AutoCloseable {
    private final AtomicOutput output;
    private final AtomicOutput index;
    private final BlockCompressedOutputStream out;
    private final TabixIndexCreator indexer;
    private final StringBuilder line = new StringBuilder(64);
    private boolean closed;

    public BedGraphWriter(Path target, List<Contig> contigs) {
        this.output = new AtomicOutput(target);
        this.index = new AtomicOutput(target.resolveSibling(target.getFileName() + TabixUtils.STANDARD_INDEX_EXTENSION));
        this.out = new BlockCompressedOutputStream(output.temporary().toFile());
        SAMSequenceDictionary dictionary = new SAMSequenceDictionary();
        for (Contig contig : contigs) {
            dictionary.addSequence(new SAMSequenceRecord(contig.name(), contig.length()));
        }
        this.indexer = new TabixIndexCreator(dictionary, TabixFormat.BED);
    }

    public void add(String contig, int start, int end, float value) {
        line.setLength(0);
        line.append(contig).append('\t').append(start).append('\t').append(end).append('\t');
        Values.appendFloat(line, value);
        line.append('\n');
        try {
            indexer.addFeature(new SimpleFeature(contig, start + 1, end), out.getFilePointer());
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output.target(), e);
        }
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

    @Override
    public void close() {
        try {
            closeStream();
        } catch (IOException | RuntimeException ignored) {
            // closing an abandoned temporary file, deleted next
        }
        output.close();
        index.close();
    }
}
