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

    /** Waits for the queued work, then copies the first count values into the start of the buffer. */
    void upload(float[] values, int count, Buffer target);

    /**
     * C[m][n] (row stride ldc, from cOffset) = A[m][k] (lda) times B[k][n] (ldb), plus C's old values when accumulate.
     */
    default void multiply(int m, int n, int k, Buffer a, long aOffset, int lda, Buffer b, long bOffset, int ldb,
                          boolean accumulate, Buffer c, long cOffset, int ldc) {
        multiply(false, false, m, n, k, a, aOffset, lda, b, bOffset, ldb, accumulate, c, cOffset, ldc);
    }

    /**
     * As {@link #multiply(int, int, int, Buffer, long, int, Buffer, long, int, boolean, Buffer, long, int)} with A or B
     * transposed where asked: a transposed A is stored as [k][m] (row stride lda), a transposed B as [n][k] (ldb).
     */
    void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, Buffer a, long aOffset, int lda, Buffer b,
                  long bOffset, int ldb, boolean accumulate, Buffer c, long cOffset, int ldc);

    /**
     * A convolution's input rows side by side (im2col), for training: for window w, output row r &lt; convolved, tap
     * j &lt; kernel and channel c, out[((w * convolved + r) * kernel + j) * channels + c] = in[(w * length + r + j -
     * leftPad) * channels + c], zero where that position is outside the window.
     */
    void unfold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out);

    /**
     * The transpose of {@link #unfold}: out[(w * length + t) * channels + c] = the sum over j = 0, 1, ... (in that
     * order) of in[((w * convolved + r) * kernel + j) * channels + c] with r = t + leftPad - j, for 0 &lt;= r &lt; convolved.
     */
    void fold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out);

    /**
     * {@link #poolActivate} into [windows][pooled][width] (outLead 0, outStride pooled) that also keeps, in winners
     * at the same place, which q of each pool held the maximum (the first where several do), as a float.
     */
    void poolKeep(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias, Activation activation,
                  Buffer out, Buffer winners);

    /**
     * The transpose of {@link #poolKeep}'s maximum: out[(w * inStride + r) * width + v] = gradient[(w * pooled + p) * width + v]
     * where r = p * pool + winners at (w, p, v), and zero at every other r &lt; inStride.
     */
    void unpool(Buffer gradient, Buffer winners, int windows, int inStride, int pool, int pooled, int width, Buffer out);

    /** gradient[i] *= f'(x), where outputs[i] = f(x) (every activation but softmax is known from its output), for i &lt; count. */
    void multiplyByDerivative(Activation activation, Buffer outputs, Buffer gradient, long count);

    /** out[i] = x[i] * factors[i] for i &lt; count (out may be x). */
    void multiplyElements(Buffer x, Buffer factors, Buffer out, long count);

    /**
     * One LSTM step of one direction at time t, for training, keeping what the backward pass reads. Per window w and
     * unit u, with row = w * steps + t: pre-activations projection[row * 4 units + b * units + u] + bias[b * units + u]
     * + recurrent[w * 4 units + b * units + u] (no recurrent term where recurrent is null) for the gate blocks b in
     * {@link #lstmStep}'s order, activated (g = tanh as 2 sigmoid(2x) - 1) into gates at the same place;
     * c = f c' + i g, c' = cells at time previousTime (0 where it is -1), into cells[row * units + u] and tanh(c)
     * into tanhCells; the hidden state before the step, hidden[w * hiddenStride + hiddenOffset + u], into
     * previousHidden[row * units + u], and the new one, o tanh(c), in its place.
     */
    void lstmForward(int windows, int units, int steps, int time, int previousTime, Buffer projection, Buffer bias, Buffer recurrent,
                     Buffer gates, Buffer cells, Buffer tanhCells, Buffer previousHidden, Buffer hidden, int hiddenStride, int hiddenOffset);

    /**
     * One LSTM step back through time, from what {@link #lstmForward} kept: per window w and unit u, with row = w * steps
     * + t, dh = hiddenGradient[w * hiddenStride + hiddenOffset + u] and dc = cellGradient[w * units + u] + dh o (1 -
     * tanh(c)^2): the gates' pre-activation gradients, dc i (1 - g^2), dc c' f (1 - f), dh tanh(c) o (1 - o),
     * dc g i (1 - i), into projectionGradient[row * 4 units + b * units + u], and dc f into cellGradient.
     */
    void lstmBackward(int windows, int units, int steps, int time, int previousTime, Buffer gates, Buffer cells, Buffer tanhCells,
                      Buffer hiddenGradient, int hiddenStride, int hiddenOffset, Buffer cellGradient, Buffer projectionGradient);

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
