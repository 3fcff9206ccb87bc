package org.zinfer.scoring.device;

import org.zinfer.scoring.model.Activation;

/**
 * An in-order queue of work on a {@link Device}: copies, row-major matrix products and the engine's few
 * element-wise kernels. Buffers are device memory in floats (channel codes in bytes); offsets and leading
 * dimensions count elements. Calls may return before the work is done; {@link #download} waits for it.
 * Each kernel's meaning is given here once; HostDevice is its plain-Java statement and kernels.cu its CUDA one.
 */
public interface DeviceStream extends AutoCloseable {
    /** Device memory, zeroed. */
    interface Buffer {
    }

    Buffer allocateFloats(long count);

    Buffer allocateBytes(long count);

    /** A buffer holding these values (weights: uploaded once per stream). */
    Buffer constant(float[] values);

    /** codes[from, from + count) into the start of the byte buffer. */
    void upload(byte[] codes, int from, int count, Buffer target);

    /** Waits for the queued work, then copies count floats from the buffer into target. */
    void download(Buffer source, int count, float[] target);

    /**
     * C[m][n] (row stride ldc, from cOffset) = A[m][k] (lda) times B[k][n] (ldb), plus C's old values when accumulate.
     */
    void multiply(int m, int n, int k, Buffer a, long aOffset, int lda, Buffer b, long bOffset, int ldb,
                  boolean accumulate, Buffer c, long cOffset, int ldc);

    /**
     * The first convolution read from channel codes (windows × length bytes, -1 for N), as sums of weight rows:
     * for window w, pooled position p and lane v &lt; width,
     * out[(w * outStride + outLead + p) * width + v] = act(bias[v] + max over q &lt; pool of
     * sum over j &lt; kernel, in order, of table[(j * 5 + 1 + code(w, p * pool + q + j - leftPad)) * width + v]),
     * where a code outside the window counts as -1 (the table's zero row).
     */
    void lookupConvolution(Buffer codes, int windows, int length, Buffer table, int kernel, int leftPad, int pool,
                           int pooled, int width, Buffer bias, Activation activation, Buffer out, int outLead, int outStride);

    /**
     * Max pooling, bias and activation of a convolution's products (row r of window w at (w * inStride + r) * width):
     * out[(w * outStride + outLead + p) * width + v] = act(bias[v] + max over q &lt; pool of in[(w * inStride + p * pool + q) * width + v]).
     */
    void poolActivate(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias,
                      Activation activation, Buffer out, int outLead, int outStride);

    /**
     * One LSTM step of one direction for every window. Pre-activations z of window w, gate block b (DL4J's order:
     * cell input, forget, output, input) and unit u at z[w * zStride + zOffset + b * units + u], plus bias[b * units + u];
     * c = sigmoid(f) c + sigmoid(i) tanh(g) with c at cells[w * cellStride + cellOffset + u];
     * h = sigmoid(o) tanh(c) into hidden[w * hiddenStride + hiddenOffset + u].
     */
    void lstmStep(int windows, int units, Buffer z, int zStride, long zOffset, Buffer bias, Buffer cells, int cellStride,
                  int cellOffset, Buffer hidden, int hiddenStride, int hiddenOffset);

    /** x[w * units + u] = act(x[w * units + u] + bias[u]) for every window; softmax over each window's units. */
    void biasActivate(Buffer x, int windows, int units, Buffer bias, Activation activation);

    /**
     * One Adam step over count parameters, each buffer read from its start: values, their gradients and the two
     * moment estimates, updated as {@link org.zinfer.scoring.kernels.AdamRule#update} states it, with the step's rate
     * from {@link org.zinfer.scoring.kernels.AdamRule#rate}.
     */
    void adamStep(Buffer values, Buffer gradients, Buffer first, Buffer second, int count, float rate, float beta1, float beta2,
                  float epsilon);

    /** Zeroes count floats from offset. */
    void zero(Buffer buffer, long offset, long count);

    @Override
    void close();
}
