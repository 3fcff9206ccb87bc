package org.zinfer.scoring.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.zinfer.scoring.model.Activation;

/**
 * Vector API helpers. Layer widths are padded to whole vectors so that every load and store is a full,
 * unmasked vector; padding lanes hold finite values that zero weights cancel.
 */
public final class Simd {
    /** The widest vectors the CPU has; every vector here is of this species (the JIT needs it constant). */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Integers in as many lanes as {@link #SPECIES}. */
    public static final VectorSpecies<Integer> INT_SPECIES = VectorSpecies.of(int.class, SPECIES.vectorShape());

    private Simd() {
    }

    public static boolean available() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** width rounded up to whole vectors. */
    public static int padded(int width) {
        int lanes = SPECIES.length();
        return (width + lanes - 1) / lanes * lanes;
    }

    public static FloatVector activate(Activation activation, FloatVector x) {
        return switch (activation.kind()) {
            case LINEAR -> x;
            case RELU -> x.max(0f);
            case LEAKY_RELU -> x.blend(x.mul((float) activation.alpha()), x.compare(VectorOperators.LT, 0f));
            case SIGMOID -> sigmoid(x);
            case TANH -> tanh(x);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /** The scalar twin of {@link #activate(Activation, FloatVector)}, for the lanes after the last whole vector. */
    public static float activate(Activation activation, float x) {
        return switch (activation.kind()) {
            case LINEAR -> x;
            case RELU -> Math.max(x, 0f);
            case LEAKY_RELU -> x > 0 ? x : (float) activation.alpha() * x;
            case SIGMOID -> (float) (1 / (1 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
        };
    }

    /**
     * v.intoArray(a, at, mask) as a whole-vector store: the lanes outside the mask are written back as they were
     * read, so the array holds the same bits, but without the lane-by-lane fallback JDK 17 takes for a partial
     * mask. a must hold a whole vector from at (callers keep a vector of slack after their last row); one thread
     * writes the array at a time.
     */
    public static void intoArray(FloatVector v, float[] a, int at, VectorMask<Float> mask) {
        if (mask.allTrue()) {
            v.intoArray(a, at);
        } else {
            FloatVector.fromArray(SPECIES, a, at).blend(v, mask).intoArray(a, at);
        }
    }

    public static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(SPECIES, 1f).div(exp(x.neg()).add(1f));
    }

    /** tanh(x) = 2 sigmoid(2x) - 1 (absolute error below 1e-7). */
    public static FloatVector tanh(FloatVector x) {
        return sigmoid(x.add(x)).mul(2f).sub(1f);
    }

    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f; // 1.5 * 2^23: adding and subtracting it rounds to an integer
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);


    /**
     * e^x from fused multiply-adds, multiplications and bit shifts only (Cody-Waite reduction, degree-7
     * Taylor polynomial, relative error below 2e-7); each of these is exactly rounded, in SIMD code and in
     * the interpreter alike. Unlike the Vector API's EXP, whose result differs by an ulp
     * between compiled SIMD code and the interpreter's fallback, this gives the same bits however it runs, so a
     * window's score does not depend on when or on which thread it was scored.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(-87f).min(88f);
        FloatVector shifted = clamped.fma(LOG2E, ROUNDER); // k = round(x / ln 2) sits in the low mantissa bits
        FloatVector k = shifted.sub(ROUNDER);
        FloatVector r = k.fma(FloatVector.broadcast(SPECIES, -LN2_HIGH), clamped).add(k.mul(-LN2_LOW));
        FloatVector p = r.fma(1f / 5040, 1f / 720)
                .fma(r, FloatVector.broadcast(SPECIES, 1f / 120))
                .fma(r, FloatVector.broadcast(SPECIES, 1f / 24))
                .fma(r, FloatVector.broadcast(SPECIES, 1f / 6))
                .fma(r, FloatVector.broadcast(SPECIES, 0.5f))
                .fma(r, FloatVector.broadcast(SPECIES, 1f))
                .fma(r, FloatVector.broadcast(SPECIES, 1f));
        IntVector exponent = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }
}
