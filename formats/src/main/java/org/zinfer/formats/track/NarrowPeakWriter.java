package org.zinfer.formats.track;

import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.tribble.index.tabix.TabixIndexCreator;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.TabixedOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes called sites as ENCODE narrowPeak (BED6+4: signalValue, -log10 pValue, -log10 qValue, summit offset),
 * bgzip-compressed with a tabix index beside it. Sites come in the order the contigs were given, starts
 * increasing. Both files appear only on {@link #commit()}.
 */
public final class NarrowPeakWriter implements AutoCloseable {
    /** A called site: [start, end) on contig, the summit at start + summit. */
    public record Site(String contig, int start, int end, String name, int score, double signal, double minusLog10P, double minusLog10Q,
                       int summit) {
    }

    private final TabixedOutput out;

    public NarrowPeakWriter(Path target, List<Contig> contigs) {
        SAMSequenceDictionary dictionary = new SAMSequenceDictionary();
        for (Contig contig : contigs) {
            dictionary.addSequence(new SAMSequenceRecord(contig.name(), contig.length()));
        }
        this.out = new TabixedOutput(target, new TabixIndexCreator(dictionary, TabixFormat.BED));
    }

    public void add(Site site) {
        String line = String.format(Locale.ROOT, "%s\t%d\t%d\t%s\t%d\t.\t%.6g\t%.4f\t%.4f\t%d%n", site.contig(), site.start(), site.end(),
                site.name(), site.score(), site.signal(), site.minusLog10P(), site.minusLog10Q(), site.summit());
        out.write(line, site.contig(), site.start() + 1, site.end());
    }

    public void commit() {
        out.commit();
    }

    @Override
    public void close() {
        out.close();
    }
}
