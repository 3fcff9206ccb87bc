package org.zinfer.scoring.engine;

import org.zinfer.formats.InputException;

import java.util.Arrays;

/**
 * A window's scores averaged over copies of it with its bases moved a few positions along (the freed end reads
 * N, which the model sees as zeros, the bases pushed out are dropped): a network that pools with stride 4
 * reads a site differently in each of the 4 phases of its first pooling layer, and its score can swing
 * between windows a few bases apart; the mean over the phases does not. The score stays a function of the
 * window's own bases. Copies are scored shift by shift (all windows of a batch moved by one shift, then the
 * next), so the fast engine still shares rows between neighbouring windows of a scan.
 */
public final class ShiftMean implements WindowScorer {
    /** More shifts than this would move a site further than any pooling layer of a thesis design reaches. */
    public static final int MAX_SHIFTS = 16;

    private final WindowScorer scorer;
    private final int shifts;
    private final int length;

    private ShiftMean(WindowScorer scorer, int shifts, int length) {
        this.scorer = scorer;
        this.shifts = shifts;
        this.length = length;
    }

    /** The scorer's scores averaged over shifts copies of each window (the scorer itself when shifts is 1). */
    public static WindowScorer of(WindowScorer scorer, int shifts, int length) {
        int most = Math.min(MAX_SHIFTS, length - 1);
        if (shifts < 1 || shifts > most) {
            throw new InputException("--shifts must lie from 1 to " + most + ", not " + shifts);
        }
        return shifts == 1 ? scorer : new ShiftMean(scorer, shifts, length);
    }

    /** The k-th copy's shift: the copies move the bases by -(shifts - 1) / 2, ..., shifts / 2 positions (right when positive). */
    static int shift(int k, int shifts) {
        return k - (shifts - 1) / 2;
    }

    @Override
    public int outputs() {
        return scorer.outputs();
    }

    @Override
    public int parallelism() {
        return scorer.parallelism();
    }

    @Override
    public float[] score(byte[] channels, int count) {
        byte[] copies = new byte[shifts * count * length];
        Arrays.fill(copies, (byte) -1);
        for (int k = 0; k < shifts; k++) {
            int shift = shift(k, shifts);
            for (int n = 0; n < count; n++) {
                int to = (k * count + n) * length;
                System.arraycopy(channels, n * length + Math.max(0, -shift), copies, to + Math.max(0, shift), length - Math.abs(shift));
            }
        }
        float[] scores = scorer.score(copies, shifts * count);
        int outputs = outputs();
        float[] mean = new float[count * outputs];
        for (int k = 0; k < shifts; k++) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += scores[k * mean.length + i] / shifts;
            }
        }
        return mean;
    }

    @Override
    public String describe() {
        return scorer.describe() + "; each window the mean of " + shifts + " copies shifted " + shift(0, shifts) + " to " + shift(shifts - 1, shifts) + " nt";
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return scorer.bitsDependOn(shifts * batchSize) + ", mean of " + shifts + " shifts";
    }
}
