package org.zinfer.formats.dataset;

import org.zinfer.formats.genome.IntervalIndex;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.TiledWindows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Labelled windows from peaks: windows tiled over regions at a step; a window is positive for a factor
 * when its central bin overlaps one of the factor's peaks. Windows touching the blacklist or with too many
 * N are dropped. Each window goes to the split its centre lies in (test and validation regions, else
 * train); a window reaching into another split's region is dropped, so no base is seen by two splits.
 * Windows positive for no factor are kept with a given probability in the train and validation splits
 * (the test split keeps all, to measure on the genome as it is).
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
    public record Settings(int windowLength, int step, int bin, double maxUnknown, double keepNegatives, long seed,
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

    /** The windows left out: too many N, on the blacklist, reaching across splits, negatives down-sampled. */
    public record Built(long tooManyN, long blacklisted, long straddling, long negativesLeftOut) {
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

    /** Streams each kept window into its split's writer (one per name of {@link #splits()}). */
    public Built build(List<Region> regions, Map<String, WindowDatasetWriter> splits, LongConsumer progress) {
        TiledWindows windows = new TiledWindows(genome, regions, settings.windowLength(), settings.step(), settings.maxUnknown());
        long straddling = 0;
        long blacklisted = 0;
        long negativesLeftOut = 0;
        while (windows.hasNext()) {
            SequenceWindow window = windows.next();
            progress.accept(1);
            String contig = window.window().contig();
            int start = window.window().start();
            int end = window.window().end();
            if (settings.blacklist() != null && settings.blacklist().overlaps(contig, start, end)) {
                blacklisted++;
                continue;
            }
            String split = split(contig, start, end);
            if (split == null) {
                straddling++;
                continue;
            }
            boolean[] labels = labels(contig, start);
            boolean any = false;
            for (boolean label : labels) {
                any |= label;
            }
            if (!any && !split.equals(TEST) && settings.keepNegatives() < 1
                    && new Random(settings.seed() * 31 + contig.hashCode() * 1_000_003L + start).nextDouble() >= settings.keepNegatives()) {
                negativesLeftOut++;
                continue;
            }
            byte[] bases = Arrays.copyOfRange(window.bases(), window.offset(), window.offset() + settings.windowLength());
            splits.get(split).add(bases, labels);
        }
        return new Built(windows.skipped(), blacklisted, straddling, negativesLeftOut);
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
