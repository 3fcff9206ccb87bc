package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.PeakDatasetBuilder;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.genome.BedRegions;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.IntervalIndex;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.TiledWindows;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.scoring.engine.ProgressMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Build train/validation/test HDF5 datasets from a genome and one peak file per factor.",
                "Windows are tiled at --step; a window is positive for a factor when its central --bin overlaps a peak.",
                "Writes PREFIX.train.h5 (+ .validation.h5, .test.h5) and PREFIX.summary.tsv."})
final class DatasetCommand implements Callable<Integer> {
    @Option(names = {"-g", "--genome"}, required = true, paramLabel = "FASTA", description = "Indexed genome FASTA (plain or bgzip).")
    Path genomeFile;

    @Option(names = "--peaks", required = true, split = ",", paramLabel = "[NAME=]FILE",
            description = "Peaks of one factor (BED or narrowPeak, gz ok); NAME defaults to the file name. Repeat for each factor.")
    List<String> peaks;

    @Option(names = {"-o", "--output-prefix"}, required = true, paramLabel = "PREFIX", description = "Output prefix, e.g. out/chr22.")
    String prefix;

    @Option(names = "--regions", paramLabel = "BED", description = "Tile only these regions (default: every contig).")
    Path regions;

    @Option(names = "--test-contigs", split = ",", paramLabel = "NAME", description = "Contigs held out as the test split.")
    List<String> testContigs;

    @Option(names = "--test-regions", paramLabel = "BED", description = "Regions held out as the test split.")
    Path testRegions;

    @Option(names = "--validation-contigs", split = ",", paramLabel = "NAME", description = "Contigs held out for validation.")
    List<String> validationContigs;

    @Option(names = "--validation-regions", paramLabel = "BED", description = "Regions held out for validation.")
    Path validationRegions;

    @Option(names = "--blacklist", paramLabel = "BED", description = "Drop windows overlapping these regions (e.g. the ENCODE blacklist).")
    Path blacklist;

    @Option(names = "--length", defaultValue = "1000", paramLabel = "NT", description = "Window length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--step", defaultValue = "50", paramLabel = "NT", description = "Distance between window starts (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--bin", defaultValue = "50", paramLabel = "NT", description = "Central bin whose peak overlap is the label (default: ${DEFAULT-VALUE}).")
    int bin;

    @Option(names = "--max-n", defaultValue = "0", paramLabel = "FRACTION", description = "Drop windows with more than this fraction of N (default: ${DEFAULT-VALUE}).")
    double maxN;

    @Option(names = "--negatives", defaultValue = "1", paramLabel = "FRACTION",
            description = "Share of windows positive for no factor to keep in train and validation; test keeps all (default: ${DEFAULT-VALUE}).")
    double negatives;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for down-sampling negatives (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        try (ReferenceGenome genome = ReferenceGenome.open(genomeFile)) {
            List<String> factors = new ArrayList<>();
            List<IntervalIndex> peakIndexes = new ArrayList<>();
            for (String spec : peaks) {
                int eq = spec.indexOf('=');
                Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
                factors.add(eq < 0 ? file.getFileName().toString().replaceFirst("(\\.narrowPeak|\\.bed)?(\\.gz)?$", "") : spec.substring(0, eq));
                IntervalIndex index = IntervalIndex.read(file, genome);
                if (index.elsewhere() > 0) {
                    System.err.printf("zinfer: %s: %,d of %,d peaks lie on contigs the genome lacks and are left out%n", file, index.elsewhere(), index.intervals());
                }
                peakIndexes.add(index);
            }
            PeakDatasetBuilder.Settings settings = Flags.check(() -> new PeakDatasetBuilder.Settings(length, step, bin, maxN, negatives, seed,
                    blacklist == null ? null : IntervalIndex.read(blacklist, genome),
                    holdOut(genome, testContigs, testRegions, "test"), holdOut(genome, validationContigs, validationRegions, "validation")));
            List<Region> tiled = regions == null ? genome.contigs().stream().map(Region::whole).toList()
                    : BedRegions.read(regions).stream().map(genome::resolve).toList();
            ProgressMeter progress = new ProgressMeter(System.err, "windows", TiledWindows.count(genome, tiled, length, step), 10);
            PeakDatasetBuilder.Built built = new PeakDatasetBuilder(genome, factors, peakIndexes, settings).build(tiled, progress::advance);
            Map<String, WindowDatasetWriter> splits = built.splits();
            String provenance = provenance(genome, factors);
            for (Map.Entry<String, WindowDatasetWriter> split : splits.entrySet()) {
                if (split.getValue().size() == 0) {
                    throw new InputException("no window fell in the " + split.getKey() + " split; check the regions and hold-out flags");
                }
            }
            for (Map.Entry<String, WindowDatasetWriter> split : splits.entrySet()) {
                split.getValue().write(Path.of(prefix + "." + split.getKey() + ".h5"), provenance);
            }
            String summary = summary(factors, built);
            writeSummary(Path.of(prefix + ".summary.tsv"), summary);
            System.err.print(summary.lines().map(l -> "zinfer: " + l + "\n").reduce("", String::concat));
            return 0;
        }
    }

    private IntervalIndex holdOut(ReferenceGenome genome, List<String> contigs, Path bed, String what) {
        if (contigs != null && bed != null) {
            throw new InputException("give --" + what + "-contigs or --" + what + "-regions, not both");
        }
        if (contigs != null) {
            List<Region> whole = new ArrayList<>();
            for (String name : contigs) {
                Contig contig = genome.contig(name);
                whole.add(Region.whole(contig));
            }
            return IntervalIndex.of(whole, genome, "--" + what + "-contigs");
        }
        return bed == null ? null : IntervalIndex.read(bed, genome);
    }

    private String provenance(ReferenceGenome genome, List<String> factors) {
        return String.format("{\"made_by\":\"zinfer dataset\",\"genome\":\"%s\",\"peaks\":\"%s\",\"length\":%d,\"step\":%d,\"bin\":%d,\"max_n\":%s,\"negatives\":%s,\"seed\":%d,\"factors\":%d}",
                genome.path().getFileName(), String.join(",", peaks).replace("\"", ""), length, step, bin, maxN, negatives, seed, factors.size());
    }

    private static String summary(List<String> factors, PeakDatasetBuilder.Built built) {
        StringBuilder out = new StringBuilder("factor");
        built.splits().keySet().forEach(name -> out.append('\t').append(name).append("_positives"));
        out.append('\n');
        List<long[]> positives = built.splits().values().stream().map(WindowDatasetWriter::positives).toList();
        for (int k = 0; k < factors.size(); k++) {
            out.append(factors.get(k));
            for (long[] counts : positives) {
                out.append('\t').append(counts[k]);
            }
            out.append('\n');
        }
        out.append("windows");
        built.splits().values().forEach(writer -> out.append('\t').append(writer.size()));
        out.append('\n');
        out.append(String.format("# dropped: %d with too many N, %d on the blacklist, %d reaching across splits, %d negatives down-sampled%n",
                built.tooManyN(), built.blacklisted(), built.straddling(), built.negativesLeftOut()));
        return out.toString();
    }

    private static void writeSummary(Path file, String summary) {
        try (AtomicOutput output = new AtomicOutput(file)) {
            Files.writeString(output.temporary(), summary);
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
