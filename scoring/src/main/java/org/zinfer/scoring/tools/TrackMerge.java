package org.zinfer.scoring.tools;

import htsjdk.tribble.readers.TabixReader;
import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.track.FactorTracks;
import org.zinfer.formats.track.ScanManifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines the tracks of several scans of non-overlapping regions (chunks of a genome, in any order) into
 * one set of tracks, identical to what one scan of all the regions writes: contigs in FASTA order, intervals
 * by start, and where two chunks' intervals would overlap the earlier keeps its bases ({@link FactorTracks#add}),
 * as in a single scan.
 */
public final class TrackMerge {
    private TrackMerge() {
    }

    /** Merges the scans in the input directories into the output directory and returns how many intervals. */
    public static long merge(List<Path> inputs, Path output) {
        if (inputs.isEmpty()) {
            throw new InputException("zinfer merge needs at least one scan directory");
        }
        List<ScanManifest> manifests = inputs.stream().map(ScanManifest::read).toList();
        ScanManifest first = manifests.get(0);
        for (int i = 1; i < manifests.size(); i++) {
            ScanManifest m = manifests.get(i);
            if (!m.factors().equals(first.factors()) || m.step() != first.step() || m.windowLength() != first.windowLength()
                    || !m.reading().equals(first.reading())) {
                throw new InputException(inputs.get(i) + " was scanned with other factors, step, window length, --reverse-complement or --shifts than "
                        + inputs.get(0));
            }
            if (!Objects.equals(m.modelChecksum(), first.modelChecksum())) {
                throw new InputException(inputs.get(i) + " was scanned with another model than " + inputs.get(0)
                        + " (model checksums " + m.modelChecksum() + " and " + first.modelChecksum() + ")");
            }
        }
        Map<String, ScanManifest.ManifestContig> contigs = new LinkedHashMap<>();
        manifests.forEach(m -> m.contigs().forEach(c -> contigs.putIfAbsent(c.name(), c)));
        List<ScanManifest.ManifestContig> ordered = contigs.values().stream()
                .sorted(Comparator.comparingInt(ScanManifest.ManifestContig::rank)).toList();
        List<Contig> trackContigs = ordered.stream().map(c -> new Contig(c.name(), c.length())).toList();
        long intervals = 0;
        try (FactorTracks tracks = new FactorTracks(output, first.factors(), trackContigs, first.step(), null)) {
            for (ScanManifest.ManifestContig contig : ordered) {
                intervals += mergeContig(contig.name(), inputs, manifests, tracks);
            }
            tracks.commit();
        }
        List<String> regions = new ArrayList<>();
        manifests.forEach(m -> regions.addAll(m.regions()));
        new ScanManifest(first.model(), first.factors(), first.windowLength(), first.step(), ordered, regions,
                first.zinferVersion(), first.modelChecksum(), null, first.genome(), first.strands(), first.shifts()).write(output);
        return intervals;
    }

    /** The inputs that scanned a contig, by where their first region on it starts. */
    private static long mergeContig(String contig, List<Path> inputs, List<ScanManifest> manifests, FactorTracks tracks) {
        List<Integer> order = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int start = firstStart(manifests.get(i), contig);
            if (start >= 0) {
                order.add(i);
                starts.add(start);
            }
        }
        List<Integer> sorted = new ArrayList<>(order);
        sorted.sort(Comparator.comparingInt(i -> starts.get(order.indexOf(i))));
        long intervals = 0;
        float[] scores = new float[tracks.factors().size()];
        for (int input : sorted) {
            List<TabixReader.Iterator> lines = new ArrayList<>();
            try {
                for (String factor : tracks.factors()) {
                    lines.add(new TabixReader(inputs.get(input).resolve(factor + ".bedGraph.gz").toString()).query(contig));
                }
                for (String line; (line = lines.get(0).next()) != null; ) {
                    String[] fields = line.split("\t");
                    int start = Integer.parseInt(fields[1]);
                    int end = Integer.parseInt(fields[2]);
                    scores[0] = Float.parseFloat(fields[3]);
                    for (int f = 1; f < scores.length; f++) {
                        String[] other = lines.get(f).next().split("\t");
                        if (Integer.parseInt(other[1]) != start) {
                            throw new InputException(inputs.get(input) + ": the bedGraphs of " + tracks.factors().get(0) + " and "
                                    + tracks.factors().get(f) + " disagree at " + contig + ":" + start);
                        }
                        scores[f] = Float.parseFloat(other[3]);
                    }
                    if (tracks.add(contig, start, end, scores, 0)) {
                        intervals++;
                    }
                }
            } catch (IOException e) {
                throw new InputException("cannot read the bedGraphs in " + inputs.get(input) + ": " + e.getMessage(), e);
            }
        }
        return intervals;
    }

    private static int firstStart(ScanManifest manifest, String contig) {
        int first = -1;
        for (String text : manifest.regions()) {
            Region region = Region.parse(text);
            if (region.contig().equals(contig) && (first < 0 || region.start() < first)) {
                first = region.start();
            }
        }
        return first;
    }
}
