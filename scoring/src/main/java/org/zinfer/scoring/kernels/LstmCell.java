package org.zinfer.scoring.kernels;

import jdk.incubator.vector.FloatVector;

import java.util.Arrays;

/**
 * The arithmetic of an LSTM step, shared by the inference engine and the trainer so that both compute the same
 * bits. Gate blocks are in DL4J's order: cell input g (tanh), forget f, output o, input i;
 * c = f c' + i g, h = o tanh(c).
 */
public final class LstmCell {
    /** Blocks of {@link #scales} and {@link #shifts}: the four gates, then tanh of the new cell state. */
    public static final int BLOCKS = 5;

    private LstmCell() {
    }

    /**
     * Per gate lane, for {@link #activate}: 2 in the cell-input block (the first 'units' lanes) and in the fifth
     * block (tanh of the new cell state), 1 elsewhere; blocks start every 'block' lanes (units, or units padded
     * to whole vectors).
     */
    public static float[] scales(int units, int block) {
        float[] scale = new float[BLOCKS * block + Simd.SPECIES.length()];
        Arrays.fill(scale, 1f);
        Arrays.fill(scale, 0, units, 2f);
        Arrays.fill(scale, 4 * block, 4 * block + units, 2f);
        return scale;
    }

    /** Per gate lane: 1 in the cell-input and fifth blocks, 0 elsewhere (see {@link #scales}). */
    public static float[] shifts(int units, int block) {
        float[] shift = new float[BLOCKS * block + Simd.SPECIES.length()];
        Arrays.fill(shift, 0, units, 1f);
        Arrays.fill(shift, 4 * block, 4 * block + units, 1f);
        return shift;
    }

    /**
     * Activated gates from pre-activations with one sigmoid: the cell input's tanh(x) as 2 sigmoid(2x) - 1
     * (how {@link Simd#tanh} computes it), the others as sigmoid(x) times 1 minus 0, which is exact. One exp
     * for all four blocks keeps the caller small enough for C2 to inline all its vector code; with one exp per
     * block, inlining stopped at its node limit and the gates ran in the Vector API's boxed fallback.
     */
    public static FloatVector activate(FloatVector preActivation, FloatVector scale, FloatVector shift) {
        return Simd.sigmoid(preActivation.mul(scale)).mul(scale).sub(shift);
    }

    /** The new cell state f c' + i g. */
    public static FloatVector cell(FloatVector g, FloatVector f, FloatVector i, FloatVector previous) {
        return f.mul(previous).add(i.mul(g));
    }

    /** The new hidden state o tanh(c), given tanh(c). */
    public static FloatVector hidden(FloatVector o, FloatVector tanhCell) {
        return o.mul(tanhCell);
    }
}
