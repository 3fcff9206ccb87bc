package org.zinfer.scoring.explain;

import org.zinfer.formats.motif.MotifMatrix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares a matrix with a database of matrices as TOMTOM does, in a simpler form: columns are compared by the
 * Pearson correlation of their base probabilities, an alignment (any offset overlapping at least
 * {@link #MIN_OVERLAP} columns, either strand of the target) scores the sum over its overlapping columns, and a
 * pair scores its best alignment. The p-value of a pair comes from the same target aligned with the query's
 * columns shuffled ({@link #SHUFFLES} times): the score's upper normal tail given those scores' mean and spread.
 * Targets are ranked by p-value, which puts long and short targets on one scale.
 */
public final class MotifComparison {
    public static final int MIN_OVERLAP = 5;
    public static final int SHUFFLES = 50;

    /** offset: target column aligned with the query's first column (negative: the query starts before the target). */
    public record Match(MotifMatrix target, double score, double pValue, int offset, boolean reverse, int overlap) {
    }

    private record Alignment(double score, int offset, boolean reverse, int overlap) {
    }

    private final List<MotifMatrix> database;
    private final long seed;

    public MotifComparison(List<MotifMatrix> database, long seed) {
        this.database = List.copyOf(database);
        this.seed = seed;
    }

    /** The query's best matches, best first; at most count. */
    public List<Match> best(MotifMatrix query, int count) {
        double[][] columns = query.probabilities();
        double[][][] shuffles = shuffles(columns);
        List<Match> matches = new ArrayList<>();
        for (MotifMatrix target : database) {
            double[][] forward = target.probabilities();
            double[][] reverse = target.reverseComplement().probabilities();
            Alignment best = align(columns, forward, reverse);
            double sum = 0;
            double squares = 0;
            for (double[][] shuffled : shuffles) {
                double s = align(shuffled, forward, reverse).score();
                sum += s;
                squares += s * s;
            }
            double mean = sum / shuffles.length;
            double sd = Math.sqrt(Math.max(squares / shuffles.length - mean * mean, 1e-12));
            matches.add(new Match(target, best.score(), upperTail((best.score() - mean) / sd), best.offset(), best.reverse(), best.overlap()));
        }
        matches.sort(Comparator.comparingDouble(Match::pValue).thenComparing(Comparator.comparingDouble(Match::score).reversed()));
        return matches.subList(0, Math.min(count, matches.size()));
    }

    private double[][][] shuffles(double[][] columns) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] shuffles = new double[SHUFFLES][][];
        for (int s = 0; s < SHUFFLES; s++) {
            double[][] shuffled = columns.clone();
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double[] swap = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = swap;
            }
            shuffles[s] = shuffled;
        }
        return shuffles;
    }

    private static Alignment align(double[][] query, double[][] forward, double[][] reverse) {
        Alignment best = null;
        for (boolean isReverse : new boolean[] {false, true}) {
            double[][] target = isReverse ? reverse : forward;
            int overlapNeeded = Math.min(MIN_OVERLAP, Math.min(query.length, target.length));
            for (int offset = overlapNeeded - query.length; offset <= target.length - overlapNeeded; offset++) {
                double score = 0;
                int overlap = 0;
                for (int i = Math.max(0, -offset); i < query.length && i + offset < target.length; i++) {
                    score += similarity(query[i], target[i + offset]);
                    overlap++;
                }
                if (best == null || score > best.score()) {
                    best = new Alignment(score, offset, isReverse, overlap);
                }
            }
        }
        return best;
    }

    /** Pearson correlation of two columns' base probabilities; 0 when either column is flat. */
    static double similarity(double[] a, double[] b) {
        double ma = (a[0] + a[1] + a[2] + a[3]) / 4;
        double mb = (b[0] + b[1] + b[2] + b[3]) / 4;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int c = 0; c < 4; c++) {
            ab += (a[c] - ma) * (b[c] - mb);
            aa += (a[c] - ma) * (a[c] - ma);
            bb += (b[c] - mb) * (b[c] - mb);
        }
        return aa < 1e-12 || bb < 1e-12 ? 0 : ab / Math.sqrt(aa * bb);
    }

    /** P(Z > z) for a standard normal Z (complementary error function, Numerical Recipes' erfcc: relative error below 1.2e-7). */
    static double upperTail(double z) {
        double x = z / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
