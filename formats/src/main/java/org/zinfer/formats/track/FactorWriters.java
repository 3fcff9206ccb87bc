package org.zinfer.formats.track;

import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.AtomicOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One factor's track files: FACTOR.bw, FACTOR.bedGraph.gz (+ .tbi) and, with a threshold, FACTOR.bed. */
final class FactorWriters implements AutoCloseable {
    private final String factor;
    private final BigWigWriter bigWig;
    private final BedGraphWriter bedGraph;
    private final AtomicOutput bed;
    private final BufferedWriter bedWriter;
    private final Float threshold;

    FactorWriters(Path directory, String factor, int index, List<Contig> contigs, int typicalSpan, Float threshold) throws IOException {
        this.factor = factor;
        this.threshold = threshold;
        this.bigWig = new BigWigWriter(directory.resolve(factor + ".bw"), contigs, typicalSpan);
        // fixed 0-1 range: autoscaling draws a noise floor of 0.003 as tall as a site
        this.bedGraph = new BedGraphWriter(directory.resolve(factor + ".bedGraph.gz"), contigs, "track type=bedGraph name=\"" + factor
                + "\" description=\"" + factor + ": window scores (zinfer)\" visibility=full color=" + TrackColors.of(index)
                + " viewLimits=0:1 autoScale=off");
        if (threshold == null) {
            this.bed = null;
            this.bedWriter = null;
            return;
        }
        this.bed = new AtomicOutput(directory.resolve(factor + ".bed"));
        this.bedWriter = Files.newBufferedWriter(bed.temporary(), StandardCharsets.US_ASCII);
        // browsers shade each window by its score (useScore) and colour the factor as the sessions do
        bedWriter.write("track name=\"" + factor + "\" description=\"" + factor + ": windows scoring at least " + threshold
                + " (zinfer)\" useScore=1 color=" + TrackColors.of(index) + "\n");
    }

    void interval(String contig, int from, int to, float score) {
        bigWig.add(contig, from, to, score);
        bedGraph.add(contig, from, to, score);
    }

    void window(String contig, int start, int end, float score) throws IOException {
        if (threshold != null && score >= threshold) {
            int bedScore = Math.max(0, Math.min(1000, Math.round(score * 1000)));
            bedWriter.write(contig + "\t" + start + "\t" + end + "\t" + factor + "\t" + bedScore + "\t.\n");
        }
    }

    /** Finishes every file under its temporary name (the costly part: indexes, zoom levels). */
    void finish() throws IOException {
        if (bedWriter != null) {
            bedWriter.close();
        }
        bedGraph.commit();
        bigWig.commit();
    }

    /** Renames the finished BED file into place (the others were renamed by their writers' commit). */
    void publish() throws IOException {
        if (bed != null) {
            bed.commit();
        }
    }

    @Override
    public void close() {
        bigWig.close();
        bedGraph.close();
        if (bedWriter != null) {
            try {
                bedWriter.close();
            } catch (IOException ignored) {
                // abandoned temporary file, deleted below
            }
            bed.close();
        }
    }
}
