package org.zinfer.scoring.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row-major matrix products C = A B (or C += A B) in which every element of C is the same chain of fused
 * multiply-adds, c = fma(a[i][p], b[p][j], c) for p = 0, 1, …, k-1, whatever the matrix sizes, the element's
 * row or column, the vector width of the CPU or the JIT tier. Each step is exactly rounded, so a window's
 * score does not depend on which batch, thread, chunk or machine computed it. BLAS gives no such promise:
 * OpenBLAS computes a row differently at the edge of a matrix than inside it, and picks its kernels by CPU.
 * <p>
 * All three are heap arrays (offsets and strides in floats): a direct ByteBuffer's checks on every scalar read
 * of A cost a third of the speed (107 against 170 GFLOP/s on one core with AVX-512). Rows go four at a time,
 * columns two vectors at a time, then one; rows left over four vectors at a time, then one; scalar code for
 * the columns after the last whole vector. All of them perform the same chain per element.
 */
public final class OrderedProduct {
    private static final VectorSpecies<Float> SPECIES = Simd.SPECIES;

    private OrderedProduct() {
    }

    /** C[m x n] = A[m x k] B[k x n], plus C's previous values when accumulate. */
    public static void multiply(int m, int n, int k, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         boolean accumulate, float[] c, int cOffset, int ldc) {
        int lanes = SPECIES.length();
        int vectorColumns = n - n % lanes;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 2 * lanes <= vectorColumns; j += 2 * lanes) {
                fourRowsTwoVectors(k, a, aOffset + i * lda, lda, b, bOffset + j, ldb, accumulate, c, cOffset + i * ldc + j, ldc);
            }
            if (j < vectorColumns) {
                fourRowsOneVector(k, a, aOffset + i * lda, lda, b, bOffset + j, ldb, accumulate, c, cOffset + i * ldc + j, ldc);
            }
        }
        for (; i < m; i++) {
            int j = 0;
            for (; j + 4 * lanes <= vectorColumns; j += 4 * lanes) {
                oneRowFourVectors(k, a, aOffset + i * lda, b, bOffset + j, ldb, accumulate, c, cOffset + i * ldc + j);
            }
            for (; j < vectorColumns; j += lanes) {
                oneRowOneVector(k, a, aOffset + i * lda, b, bOffset + j, ldb, accumulate, c, cOffset + i * ldc + j);
            }
        }
        for (int r = 0; r < m; r++) {
            for (int j = vectorColumns; j < n; j++) {
                scalar(k, a, aOffset + r * lda, b, bOffset + j, ldb, accumulate, c, cOffset + r * ldc + j);
            }
        }
    }

    private static void fourRowsTwoVectors(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                           boolean accumulate, float[] c, int c0, int ldc) {
        int lanes = SPECIES.length();
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        FloatVector c00 = start(accumulate, c, c0);
        FloatVector c01 = start(accumulate, c, c0 + lanes);
        FloatVector c10 = start(accumulate, c, c0 + ldc);
        FloatVector c11 = start(accumulate, c, c0 + ldc + lanes);
        FloatVector c20 = start(accumulate, c, c0 + 2 * ldc);
        FloatVector c21 = start(accumulate, c, c0 + 2 * ldc + lanes);
        FloatVector c30 = start(accumulate, c, c0 + 3 * ldc);
        FloatVector c31 = start(accumulate, c, c0 + 3 * ldc + lanes);
        for (int p = 0; p < k; p++) {
            int row = b0 + p * ldb;
            FloatVector b0v = FloatVector.fromArray(SPECIES, b, row);
            FloatVector b1v = FloatVector.fromArray(SPECIES, b, row + lanes);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
        }
        store(c00, c, c0);
        store(c01, c, c0 + lanes);
        store(c10, c, c0 + ldc);
        store(c11, c, c0 + ldc + lanes);
        store(c20, c, c0 + 2 * ldc);
        store(c21, c, c0 + 2 * ldc + lanes);
        store(c30, c, c0 + 3 * ldc);
        store(c31, c, c0 + 3 * ldc + lanes);
    }

    private static void fourRowsOneVector(int k, float[] a, int a0, int lda, float[] b, int b0, int ldb,
                                          boolean accumulate, float[] c, int c0, int ldc) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        FloatVector c0v = start(accumulate, c, c0);
        FloatVector c1v = start(accumulate, c, c0 + ldc);
        FloatVector c2v = start(accumulate, c, c0 + 2 * ldc);
        FloatVector c3v = start(accumulate, c, c0 + 3 * ldc);
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(SPECIES, b, b0 + p * ldb);
            c0v = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(bv, c0v);
            c1v = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(bv, c1v);
            c2v = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(bv, c2v);
            c3v = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(bv, c3v);
        }
        store(c0v, c, c0);
        store(c1v, c, c0 + ldc);
        store(c2v, c, c0 + 2 * ldc);
        store(c3v, c, c0 + 3 * ldc);
    }

    /**
     * A row below the last four-row tile (a window's projections cover any number of steps): four independent
     * chains hide the latency of the multiply-add, which a single chain waits on at every step.
     */
    private static void oneRowFourVectors(int k, float[] a, int a0, float[] b, int b0, int ldb,
                                          boolean accumulate, float[] c, int c0) {
        int lanes = SPECIES.length();
        FloatVector s0 = start(accumulate, c, c0);
        FloatVector s1 = start(accumulate, c, c0 + lanes);
        FloatVector s2 = start(accumulate, c, c0 + 2 * lanes);
        FloatVector s3 = start(accumulate, c, c0 + 3 * lanes);
        for (int p = 0; p < k; p++) {
            int row = b0 + p * ldb;
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            s0 = x.fma(FloatVector.fromArray(SPECIES, b, row), s0);
            s1 = x.fma(FloatVector.fromArray(SPECIES, b, row + lanes), s1);
            s2 = x.fma(FloatVector.fromArray(SPECIES, b, row + 2 * lanes), s2);
            s3 = x.fma(FloatVector.fromArray(SPECIES, b, row + 3 * lanes), s3);
        }
        store(s0, c, c0);
        store(s1, c, c0 + lanes);
        store(s2, c, c0 + 2 * lanes);
        store(s3, c, c0 + 3 * lanes);
    }

    private static void oneRowOneVector(int k, float[] a, int a0, float[] b, int b0, int ldb,
                                        boolean accumulate, float[] c, int c0) {
        FloatVector sum = start(accumulate, c, c0);
        for (int p = 0; p < k; p++) {
            sum = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(FloatVector.fromArray(SPECIES, b, b0 + p * ldb), sum);
        }
        store(sum, c, c0);
    }

    private static void scalar(int k, float[] a, int a0, float[] b, int b0, int ldb, boolean accumulate, float[] c, int c0) {
        float sum = accumulate ? c[c0] : 0f;
        for (int p = 0; p < k; p++) {
            sum = Math.fma(a[a0 + p], b[b0 + p * ldb], sum);
        }
        c[c0] = sum;
    }

    private static FloatVector start(boolean accumulate, float[] c, int offset) {
        return accumulate ? FloatVector.fromArray(SPECIES, c, offset) : FloatVector.zero(SPECIES);
    }

    private static void store(FloatVector v, float[] c, int offset) {
        v.intoArray(c, offset);
    }
}
