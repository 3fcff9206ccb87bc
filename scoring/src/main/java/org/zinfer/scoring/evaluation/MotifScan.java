package org.zinfer.scoring.evaluation;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.engine.WindowScorer;

import java.util.List;

/**
 * The motif baseline: per matrix, a window's best log-odds score (log2 of the matrix's probability over a
 * uniform background, probabilities given a pseudocount of {@value #PSEUDOCOUNT}) over every position and
 * both strands — a JASPAR-style PWM scan. An N scores the mean of its column, favouring no base.
 */
public final class MotifScan implements WindowScorer {
    static final double PSEUDOCOUNT = 0.01;
    /** Rows per position in a table: N, then A, C, G, T (channel code + 1). */
    private static final int ROWS = OneHot.CHANNELS + 1;
    private final int length;
    private final int threads;
    private final List<float[][]> strands;
    private final int[] widths;

    public MotifScan(List<MotifMatrix> matrices, int length, int threads) {
        this.length = length;
        this.threads = threads;
        this.strands = matrices.stream().map(m -> new float[][] {logOdds(m, false), logOdds(m, true)}).toList();
        this.widths = matrices.stream().mapToInt(MotifMatrix::length).toArray();
    }

    /** Per position (reverse complement: read backwards on the other strand), the scores of N, A, C, G, T. */
    static float[] logOdds(MotifMatrix matrix, boolean reverseComplement) {
        int width = matrix.length();
        float[] table = new float[width * ROWS];
        for (int j = 0; j < width; j++) {
            double[] p = matrix.probabilities()[reverseComplement ? width - 1 - j : j];
            double mean = 0;
            for (int c = 0; c < OneHot.CHANNELS; c++) {
                double probability = p[reverseComplement ? OneHot.CHANNELS - 1 - c : c];
                double score = Math.log((probability + PSEUDOCOUNT) / (1 + OneHot.CHANNELS * PSEUDOCOUNT) / 0.25) / Math.log(2);
                table[j * ROWS + 1 + c] = (float) score;
                mean += score / OneHot.CHANNELS;
            }
            table[j * ROWS] = (float) mean;
        }
        return table;
    }

    @Override
    public int outputs() {
        return strands.size();
    }

    @Override
    public int parallelism() {
        return threads;
    }

    @Override
    public float[] score(byte[] channels, int count) {
        int k = outputs();
        float[] scores = new float[count * k];
        for (int n = 0; n < count; n++) {
            for (int m = 0; m < k; m++) {
                scores[n * k + m] = best(channels, n * length, strands.get(m), widths[m]);
            }
        }
        return scores;
    }

    private float best(byte[] channels, int window, float[][] tables, int width) {
        float best = Float.NEGATIVE_INFINITY;
        for (float[] table : tables) {
            for (int p = 0; p + width <= length; p++) {
                float sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += table[j * ROWS + channels[window + p + j] + 1];
                }
                best = Math.max(best, sum);
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return "PWM max log-odds scan of " + outputs() + " matrices";
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return describe();
    }
}
