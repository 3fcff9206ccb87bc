package org.zinfer.scoring.kernels;

import org.bytedeco.openblas.global.openblas_nolapack;

/** Row-major single-precision matrix products through the OpenBLAS that ND4J's CPU backend ships. */
public final class Sgemm {
    private Sgemm() {
    }

    /** C[m x n] = A[m x k] * B[k x n] + beta * C, each given as buffer, element offset and row stride. */
    public static void multiply(int m, int n, int k, NativeFloats a, long aOffset, int lda, NativeFloats b, long bOffset, int ldb,
                         float beta, NativeFloats c, long cOffset, int ldc) {
        multiply(false, false, m, n, k, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    /**
     * C[m x n] = op(A) * op(B) + beta * C where op transposes when asked; a and b are given as stored (row
     * strides lda, ldb of the stored matrices).
     */
    public static void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, NativeFloats a, long aOffset, int lda,
                         NativeFloats b, long bOffset, int ldb, float beta, NativeFloats c, long cOffset, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, 1f, a.at(aOffset), lda, b.at(bOffset), ldb, beta, c.at(cOffset), ldc);
    }

    /** BLAS threads for every later product; the engine runs one single-threaded product per worker. */
    public static void threads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
    }
}
