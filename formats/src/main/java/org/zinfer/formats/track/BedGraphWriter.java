package org.zinfer.formats.track;

import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.TabixedOutput;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a bgzip-compressed bedGraph with a tabix index (.tbi) beside it. Intervals come in the order the
 * contigs were given, starts increasing. Both files appear only on {@link #commit()}.
 */
public final class BedGraphWriter implements AutoCloseable {
    private final TabixedOutput out;
    private final StringBuilder line = new StringBuilder(64);

    /** trackLine: the file's first line, for genome browsers (the index skips it), or null for none. */
    public BedGraphWriter(Path target, List<Contig> contigs, String trackLine) {
        SAMSequenceDictionary dictionary = new SAMSequenceDictionary();
        for (Contig contig : contigs) {
            dictionary.addSequence(new SAMSequenceRecord(contig.name(), contig.length()));
        }
        TabixFormat bed = TabixFormat.BED;
        TabixFormat format = new TabixFormat(bed.flags, bed.sequenceColumn, bed.startPositionColumn, bed.endPositionColumn,
                bed.metaCharacter, trackLine == null ? 0 : 1);
        this.out = new TabixedOutput(target, new TabixIndexCreator(dictionary, format));
        if (trackLine != null) {
            out.write(trackLine + "\n");
        }
    }

    public void add(String contig, int start, int end, float value) {
        line.setLength(0);
        line.append(contig).append('\t').append(start).append('\t').append(end).append('\t');
        Values.appendFloat(line, value);
        line.append('\n');
        out.write(line.toString(), contig, start + 1, end);
    }

    public void commit() {
        out.commit();
    }

    @Override
    public void close() {
        out.close();
    }
}
