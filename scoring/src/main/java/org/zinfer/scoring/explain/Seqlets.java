package org.zinfer.scoring.explain;

import org.zinfer.formats.motif.MotifMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A factor's learned motif from the contributions of inputs that score high for it: in each input the
 * {@link #CORE}-nt stretch with the most positive contribution, widened by {@link #FLANK} nt each side, is a
 * seqlet; seqlets are aligned (shift and strand) to a matrix grown from the strongest one, the alignment is
 * repeated against the matrix of all of them, and the columns outside the informative stretch are trimmed.
 */
public final class Seqlets {
    public static final int CORE = 12;
    static final int FLANK = 10;
    private static final int MAX_SHIFT = 8;
    private static final int ROUNDS = 3;
    private static final double PSEUDOCOUNT = 0.25;
    /** Columns carrying less than this (bits) are trimmed from the ends. */
    private static final double MIN_INFORMATION = 0.3;

    /**
     * What a seqlet is cut from: each position's contribution, and its bases as columns of probabilities (one-hot
     * for a genome window, all zero at N; a distribution for an optimised input).
     */
    public record Evidence(double[] contributions, double[][] columns) {
        /** Factor 0's contributions to a window, with its bases one-hot. */
        public static Evidence of(Contribution c) {
            double[] values = new double[c.length()];
            double[][] columns = new double[c.length()][4];
            for (int i = 0; i < values.length; i++) {
                values[i] = c.value(0, i);
                if (c.channels()[i] >= 0) {
                    columns[i][c.channels()[i]] = 1;
                }
            }
            return new Evidence(values, columns);
        }
    }

    /** columns[i]: position i's bases; weight: the core's contribution. */
    private record Seqlet(double[][] columns, double weight) {
        Seqlet reverseComplement() {
            int n = columns.length;
            double[][] reverse = new double[n][4];
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < 4; b++) {
                    reverse[i][b] = columns[n - 1 - i][3 - b];
                }
            }
            return new Seqlet(reverse, weight);
        }
    }

    private Seqlets() {
    }

    /** evidence: of one factor, from inputs that score high for it; empty when no seqlet could be cut. */
    public static Optional<MotifMatrix> learn(String id, String name, List<Evidence> evidence) {
        List<Seqlet> seqlets = new ArrayList<>();
        for (Evidence e : evidence) {
            cut(e).ifPresent(seqlets::add);
        }
        if (seqlets.isEmpty()) {
            return Optional.empty();
        }
        seqlets.sort(Comparator.comparingDouble(Seqlet::weight).reversed());
        int width = seqlets.get(0).columns().length + 2 * MAX_SHIFT;
        double[][] counts = new double[width][4];
        add(counts, seqlets.get(0), MAX_SHIFT);
        for (int round = 0; round < ROUNDS; round++) {
            double[][] matrix = frequencies(counts);
            counts = new double[width][4];
            for (Seqlet seqlet : seqlets) {
                place(counts, matrix, seqlet);
            }
        }
        return Optional.of(new MotifMatrix(id, name, trim(frequencies(counts), counts)));
    }

    /** The seqlet of one input: its best CORE-nt stretch and FLANK nt either side, if all lie inside and hold no N. */
    private static Optional<Seqlet> cut(Evidence e) {
        int length = e.contributions().length;
        double sum = 0;
        double best = Double.NEGATIVE_INFINITY;
        int bestStart = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.max(e.contributions()[i], 0);
            if (i >= CORE) {
                sum -= Math.max(e.contributions()[i - CORE], 0);
            }
            if (i >= CORE - 1 && sum > best) {
                best = sum;
                bestStart = i - CORE + 1;
            }
        }
        int from = bestStart - FLANK;
        int to = bestStart + CORE + FLANK;
        if (from < 0 || to > length || best <= 0) {
            return Optional.empty();
        }
        double[][] columns = Arrays.copyOfRange(e.columns(), from, to);
        for (double[] column : columns) {
            if (column[0] + column[1] + column[2] + column[3] <= 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new Seqlet(columns, best));
    }

    /** Adds the seqlet (forward or reversed) where it matches the matrix best. */
    private static void place(double[][] counts, double[][] matrix, Seqlet seqlet) {
        double best = Double.NEGATIVE_INFINITY;
        Seqlet bestStrand = seqlet;
        int bestAt = MAX_SHIFT;
        for (Seqlet strand : new Seqlet[] {seqlet, seqlet.reverseComplement()}) {
            double[][] columns = strand.columns();
            for (int at = 0; at + columns.length <= matrix.length; at++) {
                double score = 0;
                for (int i = 0; i < columns.length; i++) {
                    for (int b = 0; b < 4; b++) {
                        score += columns[i][b] * Math.log(matrix[at + i][b] * 4);
                    }
                }
                if (score > best) {
                    best = score;
                    bestStrand = strand;
                    bestAt = at;
                }
            }
        }
        add(counts, bestStrand, bestAt);
    }

    private static void add(double[][] counts, Seqlet seqlet, int at) {
        for (int i = 0; i < seqlet.columns().length; i++) {
            for (int b = 0; b < 4; b++) {
                counts[at + i][b] += seqlet.columns()[i][b];
            }
        }
    }

    private static double[][] frequencies(double[][] counts) {
        double[][] matrix = new double[counts.length][4];
        for (int i = 0; i < counts.length; i++) {
            double total = counts[i][0] + counts[i][1] + counts[i][2] + counts[i][3] + 4 * PSEUDOCOUNT;
            for (int b = 0; b < 4; b++) {
                matrix[i][b] = (counts[i][b] + PSEUDOCOUNT) / total;
            }
        }
        return matrix;
    }

    /** The stretch from the first to the last column that most seqlets cover and that carries MIN_INFORMATION bits. */
    private static double[][] trim(double[][] matrix, double[][] counts) {
        MotifMatrix whole = new MotifMatrix("", "", matrix);
        double most = 0;
        for (double[] row : counts) {
            most = Math.max(most, row[0] + row[1] + row[2] + row[3]);
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < matrix.length; i++) {
            double covered = counts[i][0] + counts[i][1] + counts[i][2] + counts[i][3];
            if (covered >= most / 2 && whole.informationContent(i) >= MIN_INFORMATION) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            first = MAX_SHIFT + FLANK;
            last = first + CORE - 1;
        }
        return Arrays.copyOfRange(matrix, first, last + 1);
    }
}
