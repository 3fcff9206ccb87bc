package org.zinfer.scoring.device;

import org.zinfer.scoring.kernels.AdamRule;
import org.zinfer.scoring.model.Activation;

import java.util.Arrays;

/**
 * The {@link DeviceStream} operations in plain Java on heap arrays, one statement per kernel: the fake device on
 * which the GPU engine's use of its plan, buffers and streams is tested without a GPU. Slow; not for scoring.
 */
public final class HostDevice implements Device {
    @Override
    public String describe() {
        return "host device (plain Java, for tests)";
    }

    @Override
    public DeviceStream openStream() {
        return new Stream();
    }

    @Override
    public void close() {
    }

    private record Memory(float[] floats, byte[] bytes) implements DeviceStream.Buffer {
    }

    private static float[] f(DeviceStream.Buffer buffer) {
        return ((Memory) buffer).floats;
    }

    private static final class Stream implements DeviceStream {
        @Override
        public Buffer allocateFloats(long count) {
            return new Memory(new float[Math.toIntExact(count)], null);
        }

        @Override
        public Buffer allocateBytes(long count) {
            return new Memory(null, new byte[Math.toIntExact(count)]);
        }

        @Override
        public Buffer constant(float[] values) {
            return new Memory(values.clone(), null);
        }

        @Override
        public void upload(byte[] codes, int from, int count, Buffer target) {
            System.arraycopy(codes, from, ((Memory) target).bytes, 0, count);
        }

        @Override
        public void download(Buffer source, int count, float[] target) {
            System.arraycopy(f(source), 0, target, 0, count);
        }

        @Override
        public void upload(float[] values, int count, Buffer target) {
            System.arraycopy(values, 0, f(target), 0, count);
        }

        @Override
        public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, Buffer a, long aOffset, int lda, Buffer b,
                             long bOffset, int ldb, boolean accumulate, Buffer c, long cOffset, int ldc) {
            float[] x = f(a);
            float[] y = f(b);
            float[] z = f(c);
            float[] sums = new float[n];
            for (int i = 0; i < m; i++) {
                // row i's sums, each over l in order (the loop order only lets the inner loop run along B's rows)
                Arrays.fill(sums, 0f);
                for (int l = 0; l < k; l++) {
                    float left = x[(int) (aOffset + (transposeA ? (long) l * lda + i : (long) i * lda + l))];
                    for (int j = 0; j < n; j++) {
                        sums[j] += left * y[(int) (bOffset + (transposeB ? (long) j * ldb + l : (long) l * ldb + j))];
                    }
                }
                for (int j = 0; j < n; j++) {
                    int at = (int) (cOffset + (long) i * ldc + j);
                    z[at] = accumulate ? z[at] + sums[j] : sums[j];
                }
            }
        }

        @Override
        public void lookupConvolution(Buffer codes, int windows, int length, Buffer table, int kernel, int leftPad, int pool,
                                      int pooled, int width, Buffer bias, Activation activation, Buffer out, int outLead, int outStride) {
            byte[] code = ((Memory) codes).bytes;
            float[] rows = f(table);
            pooledOutputs(windows, pooled, width, pool, (w, position, v) -> {
                float sum = 0;
                for (int j = 0; j < kernel; j++) {
                    int at = position + j - leftPad;
                    int base = at < 0 || at >= length ? -1 : code[w * length + at];
                    sum += rows[(j * 5 + 1 + base) * width + v];
                }
                return sum;
            }, f(bias), activation, f(out), outLead, outStride);
        }

        @Override
        public void poolActivate(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias,
                                 Activation activation, Buffer out, int outLead, int outStride) {
            float[] x = f(in);
            pooledOutputs(windows, pooled, width, pool, (w, position, v) -> x[(w * inStride + position) * width + v],
                    f(bias), activation, f(out), outLead, outStride);
        }

        /** A convolution's value before pooling: window w, position, lane v. */
        private interface Convolved {
            float at(int w, int position, int v);
        }

        /** out[(w * outStride + outLead + p) * width + v] = act(bias[v] + max over q &lt; pool of value(w, p * pool + q, v)). */
        private static void pooledOutputs(int windows, int pooled, int width, int pool, Convolved value, float[] bias,
                                          Activation activation, float[] out, int outLead, int outStride) {
            for (int w = 0; w < windows; w++) {
                for (int p = 0; p < pooled; p++) {
                    for (int v = 0; v < width; v++) {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int q = 0; q < pool; q++) {
                            max = Math.max(max, value.at(w, p * pool + q, v));
                        }
                        out[(w * outStride + outLead + p) * width + v] = activate(activation, max + bias[v]);
                    }
                }
            }
        }

        @Override
        public void lstmStep(int windows, int units, Buffer z, int zStride, long zOffset, Buffer bias, Buffer cells, int cellStride,
                             int cellOffset, Buffer hidden, int hiddenStride, int hiddenOffset) {
            float[] pre = f(z);
            float[] b = f(bias);
            for (int w = 0; w < windows; w++) {
                for (int u = 0; u < units; u++) {
                    int at = (int) (w * (long) zStride + zOffset) + u;
                    float g = (float) Math.tanh(pre[at] + b[u]);
                    float forget = sigmoid(pre[at + units] + b[units + u]);
                    float output = sigmoid(pre[at + 2 * units] + b[2 * units + u]);
                    float input = sigmoid(pre[at + 3 * units] + b[3 * units + u]);
                    int cell = w * cellStride + cellOffset + u;
                    float c = forget * f(cells)[cell] + input * g;
                    f(cells)[cell] = c;
                    f(hidden)[w * hiddenStride + hiddenOffset + u] = output * (float) Math.tanh(c);
                }
            }
        }

        @Override
        public void unfold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out) {
            float[] x = f(in);
            float[] y = f(out);
            for (int w = 0; w < windows; w++) {
                for (int r = 0; r < convolved; r++) {
                    for (int j = 0; j < kernel; j++) {
                        int t = r + j - leftPad;
                        for (int c = 0; c < channels; c++) {
                            y[((w * convolved + r) * kernel + j) * channels + c] = t < 0 || t >= length ? 0f : x[(w * length + t) * channels + c];
                        }
                    }
                }
            }
        }

        @Override
        public void fold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out) {
            float[] x = f(in);
            float[] y = f(out);
            for (int w = 0; w < windows; w++) {
                for (int t = 0; t < length; t++) {
                    for (int c = 0; c < channels; c++) {
                        float sum = 0;
                        for (int j = 0; j < kernel; j++) {
                            int r = t + leftPad - j;
                            if (r >= 0 && r < convolved) {
                                sum += x[((w * convolved + r) * kernel + j) * channels + c];
                            }
                        }
                        y[(w * length + t) * channels + c] = sum;
                    }
                }
            }
        }

        @Override
        public void poolKeep(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias, Activation activation,
                             Buffer out, Buffer winners) {
            float[] x = f(in);
            for (int w = 0; w < windows; w++) {
                for (int p = 0; p < pooled; p++) {
                    for (int v = 0; v < width; v++) {
                        int best = 0;
                        float max = x[(w * inStride + p * pool) * width + v];
                        for (int q = 1; q < pool; q++) {
                            float value = x[(w * inStride + p * pool + q) * width + v];
                            best = value > max ? q : best;
                            max = Math.max(max, value);
                        }
                        int at = (w * pooled + p) * width + v;
                        f(out)[at] = activate(activation, max + f(bias)[v]);
                        f(winners)[at] = best;
                    }
                }
            }
        }

        @Override
        public void unpool(Buffer gradient, Buffer winners, int windows, int inStride, int pool, int pooled, int width, Buffer out) {
            float[] y = f(out);
            Arrays.fill(y, 0, windows * inStride * width, 0f);
            for (int w = 0; w < windows; w++) {
                for (int p = 0; p < pooled; p++) {
                    for (int v = 0; v < width; v++) {
                        int at = (w * pooled + p) * width + v;
                        y[(w * inStride + p * pool + (int) f(winners)[at]) * width + v] = f(gradient)[at];
                    }
                }
            }
        }

        @Override
        public void multiplyByDerivative(Activation activation, Buffer outputs, Buffer gradient, long count) {
            float[] a = f(outputs);
            float[] g = f(gradient);
            for (int i = 0; i < count; i++) {
                g[i] *= derivative(activation, a[i]);
            }
        }

        @Override
        public void multiplyElements(Buffer x, Buffer factors, Buffer out, long count) {
            for (int i = 0; i < count; i++) {
                f(out)[i] = f(x)[i] * f(factors)[i];
            }
        }

        @Override
        public void lstmForward(int windows, int units, int steps, int time, int previousTime, Buffer projection, Buffer bias,
                                Buffer recurrent, Buffer gates, Buffer cells, Buffer tanhCells, Buffer previousHidden, Buffer hidden,
                                int hiddenStride, int hiddenOffset) {
            float[] a = f(gates);
            for (int w = 0; w < windows; w++) {
                int row = w * steps + time;
                for (int u = 0; u < units; u++) {
                    for (int b = 0; b < 4; b++) {
                        int at = row * 4 * units + b * units + u;
                        float x = f(projection)[at] + f(bias)[b * units + u]
                                + (recurrent == null ? 0f : f(recurrent)[w * 4 * units + b * units + u]);
                        a[at] = b == 0 ? 2 * sigmoid(2 * x) - 1 : sigmoid(x);
                    }
                    int at = row * 4 * units + u;
                    float before = previousTime < 0 ? 0f : f(cells)[(w * steps + previousTime) * units + u];
                    float c = a[at + units] * before + a[at + 3 * units] * a[at];
                    float tc = 2 * sigmoid(2 * c) - 1;
                    f(cells)[row * units + u] = c;
                    f(tanhCells)[row * units + u] = tc;
                    int h = w * hiddenStride + hiddenOffset + u;
                    f(previousHidden)[row * units + u] = f(hidden)[h];
                    f(hidden)[h] = a[at + 2 * units] * tc;
                }
            }
        }

        @Override
        public void lstmBackward(int windows, int units, int steps, int time, int previousTime, Buffer gates, Buffer cells,
                                 Buffer tanhCells, Buffer hiddenGradient, int hiddenStride, int hiddenOffset, Buffer cellGradient,
                                 Buffer projectionGradient) {
            float[] a = f(gates);
            float[] dz = f(projectionGradient);
            for (int w = 0; w < windows; w++) {
                int row = w * steps + time;
                for (int u = 0; u < units; u++) {
                    int at = row * 4 * units + u;
                    float g = a[at];
                    float fg = a[at + units];
                    float o = a[at + 2 * units];
                    float i = a[at + 3 * units];
                    float tc = f(tanhCells)[row * units + u];
                    float before = previousTime < 0 ? 0f : f(cells)[(w * steps + previousTime) * units + u];
                    float dh = f(hiddenGradient)[w * hiddenStride + hiddenOffset + u];
                    float dc = f(cellGradient)[w * units + u] + dh * o * (1 - tc * tc);
                    dz[at] = dc * i * (1 - g * g);
                    dz[at + units] = dc * before * fg * (1 - fg);
                    dz[at + 2 * units] = dh * tc * o * (1 - o);
                    dz[at + 3 * units] = dc * g * i * (1 - i);
                    f(cellGradient)[w * units + u] = dc * fg;
                }
            }
        }

        @Override
        public void biasActivate(Buffer x, int windows, int units, Buffer bias, Activation activation) {
            float[] v = f(x);
            for (int w = 0; w < windows; w++) {
                if (activation.kind() == Activation.Kind.SOFTMAX) {
                    softmax(v, w * units, units, f(bias));
                    continue;
                }
                for (int u = 0; u < units; u++) {
                    v[w * units + u] = activate(activation, v[w * units + u] + f(bias)[u]);
                }
            }
        }

        @Override
        public void adamStep(Buffer values, Buffer gradients, Buffer first, Buffer second, int count, float rate, float beta1,
                             float beta2, float epsilon) {
            AdamRule.update(f(values), 0, f(gradients), 0, f(first), f(second), 0, count, rate, beta1, beta2, epsilon);
        }

        @Override
        public void zero(Buffer buffer, long offset, long count) {
            Arrays.fill(f(buffer), (int) offset, (int) (offset + count), 0f);
        }

        @Override
        public void close() {
        }

        private static void softmax(float[] v, int row, int units, float[] bias) {
            float max = Float.NEGATIVE_INFINITY;
            for (int u = 0; u < units; u++) {
                max = Math.max(max, v[row + u] + bias[u]);
            }
            float sum = 0;
            for (int u = 0; u < units; u++) {
                v[row + u] = (float) Math.exp(v[row + u] + bias[u] - max);
                sum += v[row + u];
            }
            for (int u = 0; u < units; u++) {
                v[row + u] /= sum;
            }
        }

        private static float sigmoid(float x) {
            return (float) (1 / (1 + Math.exp(-x)));
        }

        /** f'(x) from a = f(x). */
        private static float derivative(Activation activation, float a) {
            return switch (activation.kind()) {
                case LINEAR -> 1f;
                case RELU -> a > 0 ? 1f : 0f;
                case LEAKY_RELU -> a > 0 ? 1f : (float) activation.alpha();
                case SIGMOID -> a * (1 - a);
                case TANH -> 1 - a * a;
                case SOFTMAX -> throw new IllegalArgumentException("softmax layers are not trained on a device");
            };
        }

        private static float activate(Activation activation, float x) {
            return switch (activation.kind()) {
                case LINEAR, SOFTMAX -> x;
                case RELU -> Math.max(0, x);
                case LEAKY_RELU -> x >= 0 ? x : (float) (activation.alpha() * x);
                case SIGMOID -> sigmoid(x);
                case TANH -> (float) Math.tanh(x);
            };
        }
    }
}
