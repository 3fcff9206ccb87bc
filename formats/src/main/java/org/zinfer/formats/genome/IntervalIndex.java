package org.zinfer.formats.genome;

import org.zinfer.formats.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Intervals (peaks, blacklist) from a BED or narrowPeak file (gz ok), merged per contig, answering whether
 * a stretch overlaps any. Contig names are matched to the genome's, with or without a "chr" prefix; a file
 * none of whose contigs is in the genome is refused (a naming mismatch, not an empty track). Intervals on
 * contigs the genome lacks (e.g. other chromosomes of a genome-wide peak file) are left out and counted.
 */
public final class IntervalIndex {
    private final Map<String, int[]> starts = new HashMap<>();
    private final Map<String, int[]> ends = new HashMap<>();
    private final long intervals;
    private final long elsewhere;

    private IntervalIndex(Map<String, List<Region>> byContig, long intervals, long elsewhere) {
        byContig.forEach((contig, regions) -> {
            regions.sort(null);
            List<int[]> merged = new ArrayList<>();
            for (Region r : regions) {
                if (!merged.isEmpty() && r.start() <= merged.get(merged.size() - 1)[1]) {
                    merged.get(merged.size() - 1)[1] = Math.max(merged.get(merged.size() - 1)[1], r.end());
                } else {
                    merged.add(new int[] {r.start(), r.end()});
                }
            }
            starts.put(contig, merged.stream().mapToInt(m -> m[0]).toArray());
            ends.put(contig, merged.stream().mapToInt(m -> m[1]).toArray());
        });
        this.intervals = intervals;
        this.elsewhere = elsewhere;
    }

    public static IntervalIndex read(Path bed, ReferenceGenome genome) {
        return of(BedRegions.read(bed), genome, bed.toString());
    }

    /** Intervals from a list; 'source' names it in messages. */
    public static IntervalIndex of(List<Region> regions, ReferenceGenome genome, String source) {
        Set<String> names = new TreeSet<>();
        genome.contigs().forEach(c -> names.add(c.name()));
        Map<String, List<Region>> byContig = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        long elsewhere = 0;
        for (Region region : regions) {
            String contig = match(region.contig(), names);
            if (contig == null) {
                unknown.add(region.contig());
                elsewhere++;
                continue;
            }
            byContig.computeIfAbsent(contig, c -> new ArrayList<>()).add(new Region(contig, region.start(), region.end()));
        }
        if (!regions.isEmpty() && byContig.isEmpty()) {
            throw new InputException("none of the contigs of " + source + " (" + String.join(", ", unknown.stream().limit(5).toList())
                    + (unknown.size() > 5 ? ", ..." : "") + ") is in genome " + genome.path());
        }
        return new IntervalIndex(byContig, regions.size(), elsewhere);
    }

    private static String match(String name, Set<String> genomeNames) {
        if (genomeNames.contains(name)) {
            return name;
        }
        String other = name.startsWith("chr") ? name.substring(3) : "chr" + name;
        return genomeNames.contains(other) ? other : null;
    }

    /** Intervals read, including those left out. */
    public long intervals() {
        return intervals;
    }

    /** Intervals on contigs the genome does not have. */
    public long elsewhere() {
        return elsewhere;
    }

    /** Whether [start, end) of the contig overlaps an interval. */
    public boolean overlaps(String contig, int start, int end) {
        int candidate = lastStartingBefore(contig, end);
        return candidate >= 0 && ends.get(contig)[candidate] > start;
    }

    /** Whether [start, end) lies inside one (merged) interval. */
    public boolean covers(String contig, int start, int end) {
        int candidate = lastStartingBefore(contig, start + 1);
        return candidate >= 0 && ends.get(contig)[candidate] >= end;
    }

    private int lastStartingBefore(String contig, int position) {
        int[] s = starts.get(contig);
        if (s == null) {
            return -1;
        }
        int i = Arrays.binarySearch(s, position);
        return (i >= 0 ? i : -i - 1) - 1;
    }
}
