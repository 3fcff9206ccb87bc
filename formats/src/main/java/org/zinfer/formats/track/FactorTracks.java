package org.zinfer.formats.track;

import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.io.AtomicOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The track files of a scan, per factor: FACTOR.bw (bigWig), FACTOR.bedGraph.gz (bgzip, tabix-indexed)
 * and, with a threshold, FACTOR.bed listing the windows that score at least that much. Values come in
 * contig order, starts increasing; all files appear together on {@link #commit()}.
 */
public final class FactorTracks implements AutoCloseable {
    private final List<String> factors;
    private final List<BigWigWriter> bigWigs = new ArrayList<>();
    private final List<BedGraphWriter> bedGraphs = new ArrayList<>();
    private final List<AtomicOutput> beds = new ArrayList<>();
    private final List<BufferedWriter> bedWriters = new ArrayList<>();
    private final Float threshold;
    private final Map<String, Integer> lengths = new HashMap<>();
    private String contig;
    private int end;

    /**
     * @param typicalSpan usual interval length (the scan step), to size zoom levels
     * @param threshold   minimum window score for FACTOR.bed, or null for no BED files
     */
    public FactorTracks(Path directory, List<String> factors, List<Contig> contigs, int typicalSpan, Float threshold) {
        this.factors = List.copyOf(factors);
        this.threshold = threshold;
        contigs.forEach(c -> lengths.put(c.name(), c.length()));
        try {
            Files.createDirectories(directory);
            for (int f = 0; f < factors.size(); f++) {
                String factor = factors.get(f);
                bigWigs.add(new BigWigWriter(directory.resolve(factor + ".bw"), contigs, typicalSpan));
                // fixed 0-1 range: autoscaling draws a noise floor of 0.003 as tall as a site
                bedGraphs.add(new BedGraphWriter(directory.resolve(factor + ".bedGraph.gz"), contigs, "track type=bedGraph name=\"" + factor
                        + "\" description=\"" + factor + ": window scores (zinfer)\" visibility=full color=" + TrackColors.of(f)
                        + " viewLimits=0:1 autoScale=off"));
                if (threshold != null) {
                    AtomicOutput bed = new AtomicOutput(directory.resolve(factor + ".bed"));
                    beds.add(bed);
                    BufferedWriter writer = Files.newBufferedWriter(bed.temporary(), StandardCharsets.US_ASCII);
                    bedWriters.add(writer);
                    // browsers shade each window by its score (useScore) and colour the factor as the sessions do
                    writer.write("track name=\"" + factor + "\" description=\"" + factor + ": windows scoring at least " + threshold
                            + " (zinfer)\" useScore=1 color=" + TrackColors.of(f) + "\n");
                }
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot create track files in " + directory, e);
        }
    }

    public List<String> factors() {
        return factors;
    }

    /**
     * Sets the value of [start, end) of a contig for every factor, scores[offset + f] for factor f, clipped to
     * the contig; where it overlaps the interval set before it, the earlier keeps its bases (the rule scans and
     * merges share). Returns whether any base was left to set.
     */
    public boolean add(String contig, int start, int end, float[] scores, int offset) {
        if (!contig.equals(this.contig)) {
            this.contig = contig;
            this.end = 0;
        }
        int from = Math.max(Math.max(start, 0), this.end);
        int to = Math.min(end, lengths.get(contig));
        if (from >= to) {
            return false;
        }
        for (int f = 0; f < factors.size(); f++) {
            bigWigs.get(f).add(contig, from, to, scores[offset + f]);
            bedGraphs.get(f).add(contig, from, to, scores[offset + f]);
        }
        this.end = to;
        return true;
    }

    /** Lists the window [start, end) in FACTOR.bed for each factor it scores at least the threshold for. */
    public void addWindow(String contig, int start, int end, float[] scores, int offset) {
        if (threshold == null) {
            return;
        }
        try {
            for (int f = 0; f < factors.size(); f++) {
                float score = scores[offset + f];
                if (score >= threshold) {
                    int bedScore = Math.max(0, Math.min(1000, Math.round(score * 1000)));
                    bedWriters.get(f).write(contig + "\t" + start + "\t" + end + "\t" + factors.get(f) + "\t" + bedScore + "\t.\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write BED files", e);
        }
    }

    public void commit() {
        try {
            for (BufferedWriter writer : bedWriters) {
                writer.close();
            }
            for (BedGraphWriter writer : bedGraphs) {
                writer.commit();
            }
            for (BigWigWriter writer : bigWigs) {
                writer.commit();
            }
            for (AtomicOutput bed : beds) {
                bed.commit();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write BED files", e);
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        for (BigWigWriter writer : bigWigs) {
            writer.close();
        }
        for (BedGraphWriter writer : bedGraphs) {
            writer.close();
        }
        for (BufferedWriter writer : bedWriters) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // abandoned temporary file, deleted below
            }
        }
        for (AtomicOutput bed : beds) {
            bed.close();
        }
    }
}
