package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.formats.track.BigWigWriter;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.explain.Contribution;
import org.zinfer.scoring.explain.GradientTimesInput;
import org.zinfer.scoring.explain.InSilicoMutagenesis;
import org.zinfer.scoring.explain.Mutants;
import org.zinfer.scoring.explain.SequenceLogo;
import org.zinfer.scoring.model.FactorModel;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * zinfer explain: per-base contributions to each factor's score over regions of a genome. Each region is cut
 * into step-wide stretches; the window centred on a stretch (moved inside the contig at its ends) explains the
 * stretch's bases, so every base takes its value from the window whose centre is nearest. Written as
 * DIR/FACTOR.contrib.bw, for regions of at most {@link #TABLE_LIMIT} bases in all DIR/contributions.tsv, and on
 * request a logo per factor and region, DIR/FACTOR.contrib.CONTIG_START-END.png.
 */
public final class Explanation {
    public static final int TABLE_LIMIT = 100_000;
    public static final int PLOT_LIMIT = 1000;
    static final int GRADIENT_BATCH = 64;
    public static final String TABLE = "contributions.tsv";

    public enum Method {
        /** Gradient × input: one backward pass per factor. */
        GRADIENT,
        /** Integrated gradients × input: one backward pass per factor and integration step. */
        INTEGRATED_GRADIENTS,
        /** In-silico mutagenesis: 3 forward passes per base explained. */
        ISM
    }

    /**
     * factors: the factors to explain, empty for all; plot: a logo per factor and region (regions of at most PLOT_LIMIT
     * bases); integrationSteps: the points of integrated gradients.
     */
    public record Options(Path fasta, List<Region> regions, List<String> factors, int step, Method method, int integrationSteps,
                          boolean plot, Path outDir, int batchSize, boolean reverseComplement) {
    }

    /** windows: windows explained; passes: the forward passes scored (mutants for ISM). */
    public record Summary(long windows, long passes, double seconds) {
        public double passesPerSecond() {
            return seconds > 0 ? passes / seconds : 0;
        }
    }

    private Explanation() {
    }

    /** ismScorer: the model's scorer, for ISM; gradient × input builds its own from the model. */
    public static Summary run(FactorModel model, WindowScorer ismScorer, int threads, Options options, PrintStream log) {
        int length = model.windowLength();
        if (options.step() < 1 || options.step() > length) {
            throw new InputException("--step must be from 1 to the window length (" + length + "), got " + options.step());
        }
        boolean ism = options.method() == Method.ISM;
        List<String> factors = options.factors().isEmpty() ? model.factors() : options.factors();
        int[] chosen = indices(model, factors);
        if (options.method() == Method.INTEGRATED_GRADIENTS && options.integrationSteps() < 1) {
            throw new InputException("--integration-steps must be 1 or more, got " + options.integrationSteps());
        }
        int steps = options.method() == Method.INTEGRATED_GRADIENTS ? options.integrationSteps() : 0;
        WindowScorer scorer = ism ? ismScorer : GradientTimesInput.of(model, chosen, threads, options.reverseComplement(), steps).orElseThrow(() -> new InputException(
                "gradient × input needs a conv + LSTM model with sigmoid outputs (zinfer's trainer's kind); use --method ism"));
        log.println("zinfer: contributions by " + (ism ? "in-silico mutagenesis with " + scorer.describe() : scorer.describe()));
        try (ReferenceGenome genome = ReferenceGenome.open(options.fasta())) {
            List<Region> regions = GenomeScan.resolve(genome, options.regions());
            check(genome, regions, length, options);
            long windows = regions.stream().mapToLong(r -> (r.length() + options.step() - 1) / options.step()).sum();
            long bases = regions.stream().mapToLong(Region::length).sum();
            long passes = (ism ? windows + Mutants.PER_BASE * bases : windows) * (options.reverseComplement() ? 2 : 1);
            log.printf("zinfer: explaining %,d bases of %d region(s) with %,d windows%s%n", bases, regions.size(), windows,
                    ism ? String.format(" (%,d mutants)", passes) : "");
            ProgressMeter progress = new ProgressMeter(log, ism ? "mutants" : "windows", passes, 10);
            try (Writers writers = new Writers(options.outDir(), factors, GenomeScan.contigsOf(genome, regions), bases <= TABLE_LIMIT,
                    options.plot() ? regions : List.of())) {
                ScoreSink<Mutants> sink = (item, values, offset) -> writers.add(ism
                        ? InSilicoMutagenesis.of(item, values, offset, model.factors().size(), chosen)
                        : GradientTimesInput.of(item, values, offset, chosen.length));
                // the backward pass keeps every LSTM step of its batch: 64 windows ran at 145 windows/s against 110-114 at 128 and 256
                new ScoringEngine(scorer, length, ism ? options.batchSize() : Math.min(options.batchSize(), GRADIENT_BATCH))
                        .run(new Windows(genome, regions, length, options.step(), ism), item -> 0, sink, progress, ism && options.reverseComplement());
                writers.commit();
            }
            return new Summary(windows, progress.done(), progress.seconds());
        }
    }

    private static void check(ReferenceGenome genome, List<Region> regions, int length, Options options) {
        for (Region region : regions) {
            if (genome.contig(region.contig()).length() < length) {
                throw new InputException("contig " + region.contig() + " is shorter than the model's " + length + "-nt window");
            }
            if (options.plot() && region.length() > PLOT_LIMIT) {
                throw new InputException("--plot draws regions of at most " + PLOT_LIMIT + " bases; " + region + " has " + region.length());
            }
        }
    }

    private static int[] indices(FactorModel model, List<String> factors) {
        int[] indices = new int[factors.size()];
        for (int k = 0; k < indices.length; k++) {
            indices[k] = model.factors().indexOf(factors.get(k));
            if (indices[k] < 0) {
                throw new InputException("--factor " + factors.get(k) + " is not a factor of model " + model.metadata().name()
                        + " (its factors: " + String.join(", ", model.factors()) + ")");
            }
        }
        return indices;
    }

    /** The explained window of each step-wide stretch of each region, in order. */
    private static final class Windows implements Iterator<Mutants> {
        private final ReferenceGenome genome;
        private final Iterator<Region> regions;
        private final int length;
        private final int step;
        private final boolean substitutions;
        private Region region;
        private int next;

        Windows(ReferenceGenome genome, List<Region> regions, int length, int step, boolean substitutions) {
            this.genome = genome;
            this.regions = regions.iterator();
            this.length = length;
            this.step = step;
            this.substitutions = substitutions;
        }

        @Override
        public boolean hasNext() {
            while ((region == null || next >= region.end()) && regions.hasNext()) {
                region = regions.next();
                next = region.start();
            }
            return region != null && next < region.end();
        }

        @Override
        public Mutants next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Window stretch = new Window(region.contig(), next, Math.min(region.end(), next + step));
            int centre = next + stretch.length() / 2;
            int contigLength = genome.contig(region.contig()).length();
            int start = Math.max(0, Math.min(contigLength - length, centre - length / 2));
            byte[] channels = new byte[length];
            OneHot.channels(genome.bases(region.contig(), start, start + length), 0, length, channels, 0);
            next += step;
            return new Mutants(new Window(region.contig(), start, start + length), channels, substitutions, stretch);
        }
    }

    /** One bigWig per factor, the table when the regions are small, and the logos of the plotted regions. */
    private static final class Writers implements AutoCloseable {
        private final Path dir;
        private final List<String> factors;
        private final List<BigWigWriter> tracks = new ArrayList<>();
        private final AtomicOutput tableFile;
        private final BufferedWriter table;
        private final List<Region> plotted;
        /** Per plotted region, [factor][base][channel]. */
        private final List<float[][][]> logos = new ArrayList<>();

        Writers(Path dir, List<String> factors, List<Contig> contigs, boolean withTable, List<Region> plotted) {
            this.dir = dir;
            this.factors = factors;
            this.plotted = plotted;
            for (Region region : plotted) {
                logos.add(new float[factors.size()][region.length()][OneHot.CHANNELS]);
            }
            try {
                for (String factor : factors) {
                    tracks.add(new BigWigWriter(dir.resolve(factor + ".contrib.bw"), contigs, 1));
                }
                tableFile = withTable ? new AtomicOutput(dir.resolve(TABLE)) : null;
                table = withTable ? Files.newBufferedWriter(tableFile.temporary(), StandardCharsets.UTF_8) : null;
                if (table != null) {
                    table.write("contig\tposition\tbase\t" + String.join("\t", factors) + "\n");
                }
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot write in " + dir, e);
            }
        }

        void add(Contribution contribution) {
            Window window = contribution.window();
            Window stretch = contribution.stretch();
            for (int f = 0; f < factors.size(); f++) {
                for (int at = stretch.start(); at < stretch.end(); at++) {
                    tracks.get(f).add(window.contig(), at, at + 1, contribution.value(f, at - window.start()));
                }
            }
            if (table != null) {
                writeRows(contribution);
            }
            for (int r = 0; r < plotted.size(); r++) {
                if (plotted.get(r).contig().equals(stretch.contig()) && plotted.get(r).start() <= stretch.start()
                        && stretch.start() < plotted.get(r).end()) {
                    keep(contribution, plotted.get(r), logos.get(r));
                }
            }
        }

        private static void keep(Contribution contribution, Region region, float[][][] logo) {
            Window window = contribution.window();
            Window stretch = contribution.stretch();
            for (int f = 0; f < logo.length; f++) {
                for (int at = stretch.start(); at < stretch.end(); at++) {
                    int channel = contribution.channels()[at - window.start()];
                    if (channel >= 0) {
                        logo[f][at - region.start()][channel] = contribution.value(f, at - window.start());
                    }
                }
            }
        }

        private void writeLogos() {
            for (int r = 0; r < plotted.size(); r++) {
                Region region = plotted.get(r);
                for (int f = 0; f < factors.size(); f++) {
                    String name = factors.get(f) + ".contrib." + region.contig() + "_" + (region.start() + 1) + "-" + region.end() + ".png";
                    SequenceLogo.write(logos.get(r)[f], factors.get(f) + " contributions (logit), " + region, region.start() + 1L,
                            dir.resolve(name));
                }
            }
        }

        private void writeRows(Contribution contribution) {
            Window window = contribution.window();
            Window stretch = contribution.stretch();
            StringBuilder row = new StringBuilder();
            try {
                for (int at = stretch.start(); at < stretch.end(); at++) {
                    int i = at - window.start();
                    int channel = contribution.channels()[i];
                    row.setLength(0);
                    row.append(window.contig()).append('\t').append(at + 1).append('\t')
                            .append(channel < 0 ? 'N' : OneHot.ALPHABET.charAt(channel));
                    for (int f = 0; f < factors.size(); f++) {
                        row.append('\t').append(contribution.value(f, i));
                    }
                    table.write(row.append('\n').toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + tableFile.target(), e);
            }
        }

        void commit() {
            writeLogos();
            tracks.forEach(BigWigWriter::commit);
            if (table != null) {
                try {
                    table.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + tableFile.target(), e);
                }
                tableFile.commit();
            }
        }

        @Override
        public void close() {
            tracks.forEach(BigWigWriter::close);
            try {
                if (table != null) {
                    table.close();
                }
            } catch (IOException ignored) {
                // the partial table is deleted below
            }
            if (tableFile != null) {
                tableFile.close();
            }
        }
    }
}
