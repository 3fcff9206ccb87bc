package org.zinfer.formats.dataset;

import org.zinfer.formats.genome.IntervalIndex;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.TiledWindows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Labelled windows from peaks: windows tiled over regions at a step; a window is positive for a factor
 * when its central bin overlaps one of the factor's peaks. Windows touching the blacklist or with too many
 * N are dropped. Each window goes to the split its centre lies in (test and validation regions, else
 * train); a window reaching into another split's region is dropped, so no base is seen by two splits.
 * Windows positive for no factor are kept with a given probability in the train and validation splits
 * (the test split keeps all, to measure on the genome as it is), or, G+C-matched, with a probability that
 * depends on their G+C so that kept negatives look like the positives in composition ({@link GcMatching}).
 */
public final class PeakDatasetBuilder {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private final ReferenceGenome genome;
    private final List<String> factors;
    private final List<IntervalIndex> peaks;
    private final Settings settings;

    /** Tiling and filtering; blacklist, test and validation may be null. */
    public record Settings(int windowLength, int step, int bin, double maxUnknown, double keepNegatives, boolean gcMatched, long seed,
                           IntervalIndex blacklist, IntervalIndex test, IntervalIndex validation) {
        public Settings {
            if (windowLength < 1 || step < 1 || bin < 1 || bin > windowLength) {
                throw new IllegalArgumentException("need length >= 1, step >= 1 and 1 <= bin <= length (got " + windowLength + ", " + step + ", " + bin + ")");
            }
            if (!(keepNegatives >= 0 && keepNegatives <= 1) || !(maxUnknown >= 0 && maxUnknown <= 1)) {
                throw new IllegalArgumentException("--negatives and --max-n are fractions between 0 and 1");
            }
        }
    }

    public PeakDatasetBuilder(ReferenceGenome genome, List<String> factors, List<IntervalIndex> peaks, Settings settings) {
        this.genome = genome;
        this.factors = List.copyOf(factors);
        this.peaks = List.copyOf(peaks);
        this.settings = settings;
    }

    /**
     * The windows left out: too many N, on the blacklist, reaching across splits, negatives down-sampled; with
     * G+C matching, per split the mean G+C of positives, of all negatives and of those expected to be kept.
     */
    public record Built(long tooManyN, long blacklisted, long straddling, long negativesLeftOut, Map<String, double[]> meanGc) {
    }

    /** A window's split (null: it reaches into another split's region, or lies on the blacklist) and labels. */
    private record Placed(String split, boolean[] labels, boolean positive) {
    }

    /** The splits this builder fills: train, then validation and test when asked for. */
    public List<String> splits() {
        List<String> names = new ArrayList<>(List.of(TRAIN));
        if (settings.validation() != null) {
            names.add(VALIDATION);
        }
        if (settings.test() != null) {
            names.add(TEST);
        }
        return names;
    }

    /**
     * Streams each kept window into its split's writer (one per name of {@link #splits()}). With G+C matching,
     * a first pass over the regions counts windows by G+C (progress counts both passes).
     */
    public Built build(List<Region> regions, Map<String, WindowDatasetWriter> splits, LongConsumer progress) {
        Map<String, GcMatching> matching = settings.gcMatched() && settings.keepNegatives() < 1 ? census(regions, progress) : Map.of();
        TiledWindows windows = tiles(regions);
        long straddling = 0;
        long blacklisted = 0;
        long negativesLeftOut = 0;
        while (windows.hasNext()) {
            SequenceWindow window = windows.next();
            progress.accept(1);
            Placed placed = place(window);
            if (placed.split() == null) {
                blacklisted += placed.labels() == null ? 1 : 0;
                straddling += placed.labels() == null ? 0 : 1;
                continue;
            }
            if (!placed.positive() && !placed.split().equals(TEST) && !keepNegative(window, matching.get(placed.split()))) {
                negativesLeftOut++;
                continue;
            }
            byte[] bases = Arrays.copyOfRange(window.bases(), window.offset(), window.offset() + settings.windowLength());
            splits.get(placed.split()).add(bases, placed.labels());
        }
        Map<String, double[]> meanGc = new LinkedHashMap<>();
        matching.forEach((split, gc) -> meanGc.put(split, gc.meanGc()));
        return new Built(windows.skipped(), blacklisted, straddling, negativesLeftOut, meanGc);
    }

    private TiledWindows tiles(List<Region> regions) {
        return new TiledWindows(genome, regions, settings.windowLength(), settings.step(), settings.maxUnknown());
    }

    /** The first pass: positives and negatives of train and validation by G+C, and each split's keep probabilities. */
    private Map<String, GcMatching> census(List<Region> regions, LongConsumer progress) {
        Map<String, GcMatching> matching = new LinkedHashMap<>();
        TiledWindows windows = tiles(regions);
        while (windows.hasNext()) {
            SequenceWindow window = windows.next();
            progress.accept(1);
            Placed placed = place(window);
            if (placed.split() != null && !placed.split().equals(TEST)) {
                matching.computeIfAbsent(placed.split(), s -> new GcMatching())
                        .count(GcMatching.bin(window.bases(), window.offset(), settings.windowLength()), placed.positive());
            }
        }
        matching.values().forEach(gc -> gc.solve(settings.keepNegatives()));
        return matching;
    }

    private Placed place(SequenceWindow window) {
        String contig = window.window().contig();
        int start = window.window().start();
        int end = window.window().end();
        if (settings.blacklist() != null && settings.blacklist().overlaps(contig, start, end)) {
            return new Placed(null, null, false);
        }
        String split = split(contig, start, end);
        boolean[] labels = labels(contig, start);
        boolean any = false;
        for (boolean label : labels) {
            any |= label;
        }
        return new Placed(split, labels, any);
    }

    /**
     * A negative window's draw, the same in every run: against --negatives, or its G+C bin's share when matching.
     * SplittableRandom mixes its seed: java.util.Random's first double moves slowly with the seed, so windows
     * next to each other were kept or dropped together, in stretches.
     */
    private boolean keepNegative(SequenceWindow window, GcMatching matching) {
        double share = matching == null ? settings.keepNegatives()
                : matching.keep(GcMatching.bin(window.bases(), window.offset(), settings.windowLength()));
        if (share >= 1) {
            return true;
        }
        String contig = window.window().contig();
        return new SplittableRandom(settings.seed() * 31 + contig.hashCode() * 1_000_003L + window.window().start()).nextDouble() < share;
    }

    private boolean[] labels(String contig, int start) {
        int center = start + settings.windowLength() / 2;
        int binStart = center - settings.bin() / 2;
        boolean[] labels = new boolean[factors.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = peaks.get(k).overlaps(contig, binStart, binStart + settings.bin());
        }
        return labels;
    }

    /** The split of a window by where its centre lies, or null when it reaches into another split's region. */
    private String split(String contig, int start, int end) {
        int center = start + settings.windowLength() / 2;
        boolean test = settings.test() != null && settings.test().overlaps(contig, center, center + 1);
        boolean validation = !test && settings.validation() != null && settings.validation().overlaps(contig, center, center + 1);
        String split = test ? TEST : validation ? VALIDATION : TRAIN;
        boolean touchesTest = settings.test() != null && settings.test().overlaps(contig, start, end);
        boolean touchesValidation = settings.validation() != null && settings.validation().overlaps(contig, start, end);
        boolean clean = switch (split) {
            case TEST -> !touchesValidation && settings.test().covers(contig, start, end);
            case VALIDATION -> !touchesTest && settings.validation().covers(contig, start, end);
            default -> !touchesTest && !touchesValidation;
        };
        return clean ? split : null;
    }
}
