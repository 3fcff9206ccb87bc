package org.zinfer.formats.dataset;

import org.zinfer.formats.encoding.OneHot;

/**
 * Negatives drawn to match the positives' G+C: windows are counted by G+C fraction (of their A, C, G, T) in
 * {@value #BINS} bins, positives and negatives apart; a negative in bin b is then kept with probability
 * min(1, c p_b / n_b), c chosen so that the expected share kept is the one asked for. Where the budget
 * allows, kept negatives have the positives' G+C distribution; bins without positives keep none.
 */
public final class GcMatching {
    static final int BINS = 50;
    private final long[] positives = new long[BINS];
    private final long[] negatives = new long[BINS];
    private double[] keep;

    /** The G+C bin of bases [from, from + length). */
    public static int bin(byte[] bases, int from, int length) {
        int gc = 0;
        int known = 0;
        for (int i = from; i < from + length; i++) {
            int c = OneHot.channel(bases[i]);
            known += c >= 0 ? 1 : 0;
            gc += c == 1 || c == 2 ? 1 : 0;
        }
        return known == 0 ? 0 : Math.min(BINS - 1, gc * BINS / known);
    }

    public void count(int bin, boolean positive) {
        (positive ? positives : negatives)[bin]++;
    }

    /** Sets the keep probabilities for keeping about this share of the negatives counted. */
    public void solve(double share) {
        long allPositives = sum(positives);
        keep = new double[BINS];
        if (allPositives == 0) {
            java.util.Arrays.fill(keep, share);
            return;
        }
        double target = share * sum(negatives);
        double low = 0;
        double high = 1;
        while (kept(high) < target && high < 1e12) {
            high *= 2;
        }
        for (int i = 0; i < 100; i++) {
            double c = (low + high) / 2;
            if (kept(c) < target) {
                low = c;
            } else {
                high = c;
            }
        }
        for (int b = 0; b < BINS; b++) {
            keep[b] = probability(high, b);
        }
    }

    /** The chance that a negative of this bin is kept (after {@link #solve}). */
    public double keep(int bin) {
        return keep[bin];
    }

    /** Mean G+C (bin centres) of the positives, of the negatives counted, and of the negatives expected to be kept. */
    public double[] meanGc() {
        double[] kept = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            kept[b] = negatives[b] * (keep == null ? 1 : keep[b]);
        }
        return new double[] {mean(toDouble(positives)), mean(toDouble(negatives)), mean(kept)};
    }

    private double kept(double c) {
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            sum += negatives[b] * probability(c, b);
        }
        return sum;
    }

    private double probability(double c, int b) {
        return negatives[b] == 0 ? 0 : Math.min(1, c * positives[b] / negatives[b]);
    }

    private static long sum(long[] counts) {
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        return sum;
    }

    private static double[] toDouble(long[] counts) {
        double[] values = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            values[b] = counts[b];
        }
        return values;
    }

    private static double mean(double[] weights) {
        double total = 0;
        double sum = 0;
        for (int b = 0; b < BINS; b++) {
            total += weights[b];
            sum += weights[b] * (b + 0.5) / BINS;
        }
        return total == 0 ? Double.NaN : sum / total;
    }
}
