package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.encoding.Encodable;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.calibration.Calibration;
import org.zinfer.scoring.calibration.NullDistribution;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoreSink;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.simulation.GenomeBackground;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * zinfer calibrate: scores null windows — windows without N drawn at random from the user's genome, each shuffled
 * keeping its dinucleotides (so G+C and CpG stay, motifs go) — and each with a random SNV at its centre, and stores
 * each factor's null distributions (of scores, and of SNVs' |ALT − REF|) in a copy of the model bundle, from which
 * p-values come ({@link NullDistribution}).
 */
public final class Calibrate {
    /** windows: how many null windows; reverseComplement, shifts: score them as scan --reverse-complement, --shifts does (the scorer averages the shifts). */
    public record Options(Path fasta, int windows, long seed, Path output, int batchSize, boolean reverseComplement, int shifts) {
        int strands() {
            return reverseComplement ? 2 : 1;
        }
    }

    private Calibrate() {
    }

    public static Calibration run(FactorModel model, WindowScorer scorer, Options options, PrintStream log) {
        if (options.windows() < 1000) {
            throw new InputException("--windows must be at least 1,000 (p-values below 1e-3 come from the tail fitted to the top 1%)");
        }
        ModelBundle.requireBundleName(options.output());
        int outputs = scorer.outputs();
        float[][] scores = new float[outputs][options.windows()];
        float[][] effects = new float[outputs][options.windows()];
        try (ReferenceGenome genome = ReferenceGenome.open(options.fasta())) {
            NullWindows windows = new NullWindows(genome, model.windowLength(), options);
            int[] next = {0};
            ScoreSink<NullWindow> sink = (window, values, offset) -> {
                for (int f = 0; f < outputs; f++) {
                    scores[f][next[0]] = values[offset + f];
                    effects[f][next[0]] = Math.abs(values[offset + outputs + f] - values[offset + f]);
                }
                next[0]++;
            };
            new ScoringEngine(scorer, model.windowLength(), options.batchSize()).run(windows, window -> 0, sink,
                    new ProgressMeter(log, options.reverseComplement() ? "null windows and SNVs (both strands)" : "null windows and SNVs",
                            2L * options.strands() * options.windows(), 10), options.reverseComplement());
        }
        List<NullDistribution> factors = new ArrayList<>();
        List<NullDistribution> snvEffects = new ArrayList<>();
        for (int f = 0; f < outputs; f++) {
            factors.add(NullDistribution.of(scores[f]));
            snvEffects.add(NullDistribution.of(effects[f]));
        }
        Calibration calibration = new Calibration("dinucleotide-shuffled windows of " + options.fasta().getFileName(), options.windows(),
                options.seed(), options.strands(), options.shifts(), factors, snvEffects);
        ModelBundle.write(new FactorModel(model.network(), model.metadata().withCalibration(calibration)), options.output());
        return calibration;
    }

    /**
     * A null window and the same window with a random SNV at the centre (index length / 2, where zinfer variants
     * puts a variant's first REF base): window 0 the one, window 1 the other.
     */
    record NullWindow(byte[] bases, byte alt) implements Encodable {
        @Override
        public int windows() {
            return 2;
        }

        @Override
        public int length() {
            return bases.length;
        }

        @Override
        public void encode(int window, byte[] dest, int offset) {
            OneHot.channels(bases, 0, bases.length, dest, offset);
            if (window == 1) {
                dest[offset + bases.length / 2] = (byte) OneHot.channel(alt);
            }
        }
    }

    /**
     * Window i: drawn from the genome (no N, either strand) with a seed made of the seed and i, shuffled keeping
     * dinucleotides; its SNV changes the centre base to one of the other three, drawn with the same seed.
     */
    static final class NullWindows implements Iterator<NullWindow> {
        private final GenomeBackground genome;
        private final int length;
        private final Options options;
        private int next;

        NullWindows(ReferenceGenome genome, int length, Options options) {
            this.genome = new GenomeBackground(genome, length);
            this.length = length;
            this.options = options;
        }

        @Override
        public boolean hasNext() {
            return next < options.windows();
        }

        @Override
        public NullWindow next() {
            Random random = new Random(new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + next++).nextLong());
            byte[] bases = Sequences.dinucleotideShuffle(genome.draw(random, length), random);
            String others = OneHot.ALPHABET.replace(String.valueOf((char) Character.toUpperCase(bases[length / 2])), "");
            return new NullWindow(bases, (byte) others.charAt(random.nextInt(others.length())));
        }
    }
}
