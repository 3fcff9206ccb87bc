package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.PeakDatasetBuilder;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.BedRegions;
import org.zinfer.formats.genome.IntervalIndex;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.TiledWindows;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.scoring.engine.ProgressMeter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * zinfer dataset: tiles a genome into windows labelled by peak overlap and writes PREFIX.train.h5,
 * .validation.h5, .test.h5 and PREFIX.summary.tsv.
 */
public final class DatasetBuild {

    /**
     * peaks: [NAME=]FILE per factor. regions null: every contig. Each hold-out split by contigs or a BED (not
     * both; neither: no such split).
     */
    public record Options(Path genome, List<String> peaks, String prefix, Path regions, List<String> testContigs, Path testRegions,
                          List<String> validationContigs, Path validationRegions, Path blacklist, int length, int step, int bin,
                          double maxN, double negatives, boolean gcMatched, long seed) {
    }

    private DatasetBuild() {
    }

    /** Builds and writes the splits; returns the summary table (also in PREFIX.summary.tsv). */
    public static String run(Options options, PrintStream log) {
        try (ReferenceGenome genome = ReferenceGenome.open(options.genome())) {
            List<String> factors = new ArrayList<>();
            List<IntervalIndex> peakIndexes = new ArrayList<>();
            for (String spec : options.peaks()) {
                int eq = spec.indexOf('=');
                Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
                factors.add(eq < 0 ? file.getFileName().toString().replaceFirst("(\\.narrowPeak|\\.bed)?(\\.gz)?$", "") : spec.substring(0, eq));
                IntervalIndex index = IntervalIndex.read(file, genome);
                if (index.elsewhere() > 0) {
                    log.printf("zinfer: %s: %,d of %,d peaks lie on contigs the genome lacks and are left out%n", file, index.elsewhere(), index.intervals());
                }
                peakIndexes.add(index);
            }
            PeakDatasetBuilder.Settings settings = settings(options, genome);
            List<Region> tiled = options.regions() == null ? genome.contigs().stream().map(Region::whole).toList()
                    : BedRegions.read(options.regions()).stream().map(genome::resolve).toList();
            long windows = TiledWindows.count(genome, tiled, options.length(), options.step());
            log.printf("zinfer: %,d windows to tile; the splits will hold at most that many, %s of one-hot before compression "
                    + "(deflate keeps about a sixth), written as they come%n", windows, gigabytes(windows * OneHot.CHANNELS * options.length()));
            boolean twoPasses = options.gcMatched() && options.negatives() < 1;
            ProgressMeter progress = new ProgressMeter(log, twoPasses ? "windows (two passes: G+C census, then writing)" : "windows",
                    twoPasses ? 2 * windows : windows, 10);
            PeakDatasetBuilder builder = new PeakDatasetBuilder(genome, factors, peakIndexes, settings);
            Map<String, WindowDatasetWriter> splits = new LinkedHashMap<>();
            try {
                for (String split : builder.splits()) {
                    splits.put(split, new WindowDatasetWriter(Path.of(options.prefix() + "." + split + ".h5"), factors, options.length()));
                }
                PeakDatasetBuilder.Built built = builder.build(tiled, splits, progress::advance);
                for (Map.Entry<String, WindowDatasetWriter> split : splits.entrySet()) {
                    if (split.getValue().size() == 0) {
                        throw new InputException("no window fell in the " + split.getKey() + " split; check the regions and hold-out flags");
                    }
                }
                String provenance = provenance(options, genome, factors);
                splits.values().forEach(writer -> writer.commit(provenance));
                String summary = summary(factors, splits, built);
                AtomicOutput.writeString(Path.of(options.prefix() + ".summary.tsv"), summary);
                return summary;
            } finally {
                splits.values().forEach(WindowDatasetWriter::close);
            }
        }
    }

    private static String gigabytes(long bytes) {
        return String.format("%.2f GB", bytes / 1e9);
    }

    private static PeakDatasetBuilder.Settings settings(Options o, ReferenceGenome genome) {
        IntervalIndex test = holdOut(genome, o.testContigs(), o.testRegions(), "test");
        IntervalIndex validation = holdOut(genome, o.validationContigs(), o.validationRegions(), "validation");
        IntervalIndex blacklist = o.blacklist() == null ? null : IntervalIndex.read(o.blacklist(), genome);
        try {
            return new PeakDatasetBuilder.Settings(o.length(), o.step(), o.bin(), o.maxN(), o.negatives(), o.gcMatched(), o.seed(), blacklist, test, validation);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    private static IntervalIndex holdOut(ReferenceGenome genome, List<String> contigs, Path bed, String what) {
        if (contigs != null && bed != null) {
            throw new InputException("give --" + what + "-contigs or --" + what + "-regions, not both");
        }
        if (contigs != null) {
            List<Region> whole = contigs.stream().map(name -> Region.whole(genome.contig(name))).toList();
            return IntervalIndex.of(whole, genome, "--" + what + "-contigs");
        }
        return bed == null ? null : IntervalIndex.read(bed, genome);
    }

    private static String provenance(Options o, ReferenceGenome genome, List<String> factors) {
        return String.format("{\"made_by\":\"zinfer dataset\",\"genome\":\"%s\",\"peaks\":\"%s\",\"length\":%d,\"step\":%d,\"bin\":%d,\"max_n\":%s,\"negatives\":%s,\"gc_matched\":%s,\"seed\":%d,\"factors\":%d}",
                genome.path().getFileName(), String.join(",", o.peaks()).replace("\"", ""), o.length(), o.step(), o.bin(), o.maxN(),
                o.negatives(), o.gcMatched(), o.seed(), factors.size());
    }

    private static String summary(List<String> factors, Map<String, WindowDatasetWriter> splits, PeakDatasetBuilder.Built built) {
        StringBuilder out = new StringBuilder("factor");
        splits.keySet().forEach(name -> out.append('\t').append(name).append("_positives"));
        out.append('\n');
        List<long[]> positives = splits.values().stream().map(WindowDatasetWriter::positives).toList();
        for (int k = 0; k < factors.size(); k++) {
            out.append(factors.get(k));
            for (long[] counts : positives) {
                out.append('\t').append(counts[k]);
            }
            out.append('\n');
        }
        out.append("windows");
        splits.values().forEach(writer -> out.append('\t').append(writer.size()));
        out.append('\n');
        out.append(String.format("# dropped: %d with too many N, %d on the blacklist, %d reaching across splits, %d negatives down-sampled%n",
                built.tooManyN(), built.blacklisted(), built.straddling(), built.negativesLeftOut()));
        built.meanGc().forEach((split, gc) -> out.append(String.format(Locale.ROOT,
                "# G+C-matched negatives, %s: mean G+C of positives %.3f, of all negatives %.3f, of those kept %.3f%n", split, gc[0], gc[1], gc[2])));
        return out.toString();
    }
}
