package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Window;
import org.zinfer.formats.io.AtomicOutput;
import org.zinfer.formats.motif.MemeWriter;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.formats.motif.TransfacWriter;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.explain.Contribution;
import org.zinfer.scoring.explain.GradientTimesInput;
import org.zinfer.scoring.explain.InputOptimisation;
import org.zinfer.scoring.explain.MotifComparison;
import org.zinfer.scoring.explain.Mutants;
import org.zinfer.scoring.explain.SequenceLogo;
import org.zinfer.scoring.explain.Seqlets;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.simulation.Background;
import org.zinfer.scoring.simulation.GenomeBackground;
import org.zinfer.scoring.training.InputGradients;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * zinfer motifs: the motif each factor's model has learned, from seqlets ({@link Seqlets}) of inputs that score
 * high for the factor: background windows (i.i.d. bases, or windows of the user's genome) that score best,
 * explained by gradient × input; or inputs optimised to score high ({@link InputOptimisation}). Writes DIR/motifs.meme, DIR/motifs.transfac, a logo per
 * factor (DIR/FACTOR.logo.png) and, given a database, each matrix's best matches in it (DIR/matches.tsv).
 */
public final class MotifLearning {
    public static final int MATCHES = 5;

    public enum Method {
        /** Seqlets of background windows that score high. */
        SEQLETS,
        /** Seqlets of inputs optimised to score high ("deep dream"). */
        DREAM
    }

    /**
     * fasta: background windows from this genome, or null for i.i.d. bases of G+C fraction gc (seqlets); starts and
     * steps: of the input optimisation (dream); jaspar: null for no matching.
     */
    public record Options(Method method, Path fasta, double gc, int windows, int top, int starts, int steps, long seed, Path jaspar,
                          Path outDir, int batchSize) {
    }

    /** matrix null when no seqlet could be cut for the factor. */
    public record Learned(String factor, MotifMatrix matrix, List<MotifComparison.Match> matches) {
    }

    private MotifLearning() {
    }

    public static List<Learned> run(FactorModel model, WindowScorer scorer, int threads, Options options, PrintStream log) {
        List<MotifMatrix> database = options.jaspar() == null ? List.of() : TransfacReader.read(options.jaspar());
        InputGradients gradients = InputGradients.of(model, threads).orElseThrow(() -> new InputException(
                "zinfer motifs needs a conv + LSTM model with sigmoid outputs (zinfer's trainer's kind)"));
        List<List<Seqlets.Evidence>> evidence = options.method() == Method.DREAM
                ? new InputOptimisation(gradients, model.windowLength()).dream(model.factors().size(), options.starts(), options.steps(),
                        options.seed(), new ProgressMeter(log, "optimised inputs", (long) model.factors().size() * options.starts(), 10))
                : seqletEvidence(model, scorer, threads, options, log);
        MotifComparison comparison = new MotifComparison(database, options.seed());
        List<Learned> learned = new ArrayList<>();
        for (int f = 0; f < model.factors().size(); f++) {
            String factor = model.factors().get(f);
            MotifMatrix matrix = Seqlets.learn(factor, factor, evidence.get(f)).orElse(null);
            List<MotifComparison.Match> matches = matrix == null || database.isEmpty() ? List.of() : comparison.best(matrix, MATCHES);
            learned.add(new Learned(factor, matrix, matches));
            log.printf("zinfer: %s: %s%n", factor, matrix == null ? "no motif (no seqlet)" : matrix.length() + " nt"
                    + (matches.isEmpty() ? "" : String.format(Locale.ROOT, ", best match %s %s (p %.2g)", matches.get(0).target().id(),
                    matches.get(0).target().name(), matches.get(0).pValue())));
        }
        write(learned, options.outDir(), !database.isEmpty());
        return learned;
    }

    /** Per factor, the gradient × input of its best-scoring background windows. */
    private static List<List<Seqlets.Evidence>> seqletEvidence(FactorModel model, WindowScorer scorer, int threads, Options options, PrintStream log) {
        if (options.top() < 1 || options.windows() < options.top()) {
            throw new InputException("--top must be at least 1 and at most --windows, got " + options.top() + " of " + options.windows());
        }
        List<Mutants> windows = background(model.windowLength(), options);
        float[][] scores = score(model, scorer, windows, options, log);
        List<List<Seqlets.Evidence>> evidence = new ArrayList<>();
        for (int f = 0; f < model.factors().size(); f++) {
            List<Mutants> best = top(scores[f], options.top()).stream().map(windows::get).toList();
            evidence.add(explain(model, f, best, threads, options).stream().map(Seqlets.Evidence::of).toList());
        }
        return evidence;
    }

    /** Window i is drawn with a seed made of the seed and i. */
    private static List<Mutants> background(int length, Options options) {
        try (ReferenceGenome genome = options.fasta() == null ? null : ReferenceGenome.open(options.fasta())) {
            Background source = genome == null ? Background.iid(options.gc()) : new GenomeBackground(genome, length);
            List<Mutants> windows = new ArrayList<>();
            for (int i = 0; i < options.windows(); i++) {
                Random random = new Random(new SplittableRandom(options.seed() * 0x9E3779B97F4A7C15L + i).nextLong());
                byte[] bases = source.draw(random, length);
                byte[] channels = new byte[length];
                OneHot.channels(bases, 0, length, channels, 0);
                Window window = new Window("background" + (i + 1), 0, length);
                windows.add(new Mutants(window, channels, false, window));
            }
            return windows;
        }
    }

    private static float[][] score(FactorModel model, WindowScorer scorer, List<Mutants> windows, Options options, PrintStream log) {
        int outputs = scorer.outputs();
        float[][] scores = new float[outputs][windows.size()];
        int[] next = {0};
        new ScoringEngine(scorer, model.windowLength(), options.batchSize()).run(windows.iterator(), (window, values, offset) -> {
            for (int f = 0; f < outputs; f++) {
                scores[f][next[0]] = values[offset + f];
            }
            next[0]++;
        }, new ProgressMeter(log, "background windows", windows.size(), 10));
        return scores;
    }

    /** Indices of the count highest scores, highest first (ties: the earlier window). */
    private static List<Integer> top(float[] scores, int count) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i)).limit(count).toList();
    }

    private static List<Contribution> explain(FactorModel model, int factor, List<Mutants> windows, int threads, Options options) {
        GradientTimesInput gradients = GradientTimesInput.of(model, new int[] {factor}, threads, false, 0).orElseThrow();
        List<Contribution> contributions = new ArrayList<>();
        new ScoringEngine(gradients, model.windowLength(), Math.min(options.batchSize(), Explanation.GRADIENT_BATCH)).run(windows.iterator(),
                (window, values, offset) -> contributions.add(GradientTimesInput.of(window, values, offset, 1)), ProgressMeter.silent());
        return contributions;
    }

    private static void write(List<Learned> learned, Path dir, boolean matched) {
        List<MotifMatrix> matrices = learned.stream().filter(l -> l.matrix() != null).map(Learned::matrix).toList();
        MemeWriter.write(dir.resolve("motifs.meme"), matrices);
        TransfacWriter.write(dir.resolve("motifs.transfac"), matrices);
        for (MotifMatrix matrix : matrices) {
            SequenceLogo.write(informationHeights(matrix), matrix.name() + " as learned by the model (bits)", 1, dir.resolve(matrix.name() + ".logo.png"));
        }
        if (matched) {
            StringBuilder table = new StringBuilder("factor\trank\ttarget_id\ttarget_name\tscore\tp_value\toffset\tstrand\toverlap\n");
            for (Learned l : learned) {
                for (int rank = 0; rank < l.matches().size(); rank++) {
                    MotifComparison.Match m = l.matches().get(rank);
                    table.append(String.format(Locale.ROOT, "%s\t%d\t%s\t%s\t%.4f\t%.3g\t%d\t%s\t%d%n", l.factor(), rank + 1, m.target().id(),
                            m.target().name(), m.score(), m.pValue(), m.offset(), m.reverse() ? "-" : "+", m.overlap()));
                }
            }
            AtomicOutput.writeString(dir.resolve("matches.tsv"), table.toString());
        }
    }

    /** Each base's height in a logo: its probability times the position's information content. */
    private static float[][] informationHeights(MotifMatrix matrix) {
        float[][] heights = new float[matrix.length()][4];
        for (int i = 0; i < matrix.length(); i++) {
            double information = matrix.informationContent(i);
            for (int b = 0; b < 4; b++) {
                heights[i][b] = (float) (matrix.probabilities()[i][b] * information);
            }
        }
        return heights;
    }
}
