// zinfer's element-wise kernels for the device engine, compiled at run time by NVRTC (--fmad=false, so that
// products and sums round as the CPU engine's do). Each kernel is stated once more, in plain Java, in
// org.zinfer.scoring.device.HostDevice, and specified in DeviceStream; one thread per output value.
// Activation kinds follow org.zinfer.scoring.model.Activation.Kind: 0 linear, 1 relu, 2 leaky relu,
// 3 sigmoid, 4 tanh (5, softmax, only in bias_softmax).

#define NEGATIVE_INFINITY __int_as_float(0xff800000)

__device__ float zinfer_sigmoid(float x) {
    return 1.0f / (1.0f + expf(-x));
}

__device__ float zinfer_activate(float x, int kind, float alpha) {
    switch (kind) {
        case 1: return fmaxf(x, 0.0f);
        case 2: return x >= 0.0f ? x : alpha * x;
        case 3: return zinfer_sigmoid(x);
        case 4: return tanhf(x);
        default: return x;
    }
}

__device__ long long zinfer_thread() {
    return (long long) blockIdx.x * blockDim.x + threadIdx.x;
}

// The value of a [windows][rows][width] array this thread computes: window w, row r, lane v; false past the last one.
__device__ bool zinfer_cell(int windows, int rows, int width, int* w, int* r, int* v) {
    long long index = zinfer_thread();
    if (index >= (long long) windows * rows * width) {
        return false;
    }
    *v = (int) (index % width);
    long long rest = index / width;
    *r = (int) (rest % rows);
    *w = (int) (rest / rows);
    return true;
}

// The LSTM unit this thread computes: window w, unit u; false past the last one.
__device__ bool zinfer_unit(int windows, int units, int* w, int* u) {
    int step;
    return zinfer_cell(windows, 1, units, w, &step, u);
}

__device__ void zinfer_store(float* out, int w, int p, int v, int width, int outLead, int outStride, float best,
                             const float* bias, int kind, float alpha) {
    out[((long long) w * outStride + outLead + p) * width + v] = zinfer_activate(best + bias[v], kind, alpha);
}

extern "C" __global__ void lookup_convolution(const signed char* codes, int windows, int length, const float* table,
                                              int kernel, int leftPad, int pool, int pooled, int width,
                                              const float* bias, int kind, float alpha,
                                              float* out, int outLead, int outStride) {
    int w, p, v;
    if (!zinfer_cell(windows, pooled, width, &w, &p, &v)) {
        return;
    }
    const signed char* window = codes + (long long) w * length;
    float best = NEGATIVE_INFINITY;
    for (int q = 0; q < pool; q++) {
        int start = p * pool + q - leftPad;
        float sum = 0.0f;
        for (int j = 0; j < kernel; j++) {
            int position = start + j;
            int base = position < 0 || position >= length ? -1 : window[position];
            sum += table[(j * 5 + 1 + base) * width + v];
        }
        best = fmaxf(best, sum);
    }
    zinfer_store(out, w, p, v, width, outLead, outStride, best, bias, kind, alpha);
}

extern "C" __global__ void pool_activate(const float* in, int windows, int inStride, int pool, int pooled, int width,
                                         const float* bias, int kind, float alpha,
                                         float* out, int outLead, int outStride) {
    int w, p, v;
    if (!zinfer_cell(windows, pooled, width, &w, &p, &v)) {
        return;
    }
    float best = NEGATIVE_INFINITY;
    for (int q = 0; q < pool; q++) {
        best = fmaxf(best, in[((long long) w * inStride + p * pool + q) * width + v]);
    }
    zinfer_store(out, w, p, v, width, outLead, outStride, best, bias, kind, alpha);
}

// Gate blocks in DL4J's order: cell input g, forget f, output o, input i.
extern "C" __global__ void lstm_step(int windows, int units, float* z, int zStride, long long zOffset, const float* bias,
                                     float* cells, int cellStride, int cellOffset,
                                     float* hidden, int hiddenStride, int hiddenOffset) {
    int w, u;
    if (!zinfer_unit(windows, units, &w, &u)) {
        return;
    }
    const float* pre = z + (long long) w * zStride + zOffset + u;
    float g = tanhf(pre[0] + bias[u]);
    float f = zinfer_sigmoid(pre[units] + bias[units + u]);
    float o = zinfer_sigmoid(pre[2 * units] + bias[2 * units + u]);
    float i = zinfer_sigmoid(pre[3 * units] + bias[3 * units + u]);
    float* cell = cells + (long long) w * cellStride + cellOffset + u;
    float c = f * cell[0] + i * g;
    cell[0] = c;
    hidden[(long long) w * hiddenStride + hiddenOffset + u] = o * tanhf(c);
}

extern "C" __global__ void bias_activate(float* x, int windows, int units, const float* bias, int kind, float alpha) {
    long long index = zinfer_thread();
    if (index >= (long long) windows * units) {
        return;
    }
    x[index] = zinfer_activate(x[index] + bias[index % units], kind, alpha);
}

// One thread per window: softmax over its units after the bias.
extern "C" __global__ void bias_softmax(float* x, int windows, int units, const float* bias) {
    long long w = zinfer_thread();
    if (w >= windows) {
        return;
    }
    float* row = x + w * units;
    float best = NEGATIVE_INFINITY;
    for (int u = 0; u < units; u++) {
        best = fmaxf(best, row[u] + bias[u]);
    }
    float sum = 0.0f;
    for (int u = 0; u < units; u++) {
        row[u] = expf(row[u] + bias[u] - best);
        sum += row[u];
    }
    for (int u = 0; u < units; u++) {
        row[u] /= sum;
    }
}

// One Adam step per parameter, as org.zinfer.scoring.kernels.AdamRule states it, operation for operation (sqrtf
// and the division are correctly rounded without --use_fast_math, as Java's are).
extern "C" __global__ void adam_step(float* values, const float* gradients, float* first, float* second, int count,
                                     float rate, float beta1, float beta2, float epsilon) {
    long long i = zinfer_thread();
    if (i >= count) {
        return;
    }
    float g = gradients[i];
    float m = beta1 * first[i] + (1.0f - beta1) * g;
    float s = beta2 * second[i] + (1.0f - beta2) * g * g;
    first[i] = m;
    second[i] = s;
    values[i] -= rate * m / (sqrtf(s) + epsilon);
}

// Training. Every kernel below writes each output from one thread, summing in a fixed order, so a batch's
// gradient is the same bits on every run.

// One thread per value of the unfolded rows: window w, row r, tap j, channel c.
extern "C" __global__ void unfold_rows(const float* in, int windows, int length, int channels, int kernel, int leftPad,
                                       int convolved, float* out) {
    long long index = zinfer_thread();
    long long width = (long long) kernel * channels;
    if (index >= (long long) windows * convolved * width) {
        return;
    }
    int c = (int) (index % channels);
    int j = (int) (index / channels % kernel);
    long long row = index / width;
    int r = (int) (row % convolved);
    int w = (int) (row / convolved);
    int t = r + j - leftPad;
    out[index] = t < 0 || t >= length ? 0.0f : in[((long long) w * length + t) * channels + c];
}

// One thread per input value: window w, position t, channel c; the taps in order.
extern "C" __global__ void fold_rows(const float* in, int windows, int length, int channels, int kernel, int leftPad,
                                     int convolved, float* out) {
    int w, t, c;
    if (!zinfer_cell(windows, length, channels, &w, &t, &c)) {
        return;
    }
    float sum = 0.0f;
    for (int j = 0; j < kernel; j++) {
        int r = t + leftPad - j;
        if (r >= 0 && r < convolved) {
            sum += in[(((long long) w * convolved + r) * kernel + j) * channels + c];
        }
    }
    out[((long long) w * length + t) * channels + c] = sum;
}

extern "C" __global__ void pool_keep(const float* in, int windows, int inStride, int pool, int pooled, int width,
                                     const float* bias, int kind, float alpha, float* out, float* winners) {
    int w, p, v;
    if (!zinfer_cell(windows, pooled, width, &w, &p, &v)) {
        return;
    }
    const float* first = in + ((long long) w * inStride + p * pool) * width + v;
    float best = first[0];
    int winner = 0;
    for (int q = 1; q < pool; q++) {
        float value = first[(long long) q * width];
        winner = value > best ? q : winner;
        best = fmaxf(best, value);
    }
    long long at = ((long long) w * pooled + p) * width + v;
    out[at] = zinfer_activate(best + bias[v], kind, alpha);
    winners[at] = (float) winner;
}

// One thread per row value of the convolution's gradient: window w, row r, lane v.
extern "C" __global__ void unpool(const float* gradient, const float* winners, int windows, int inStride, int pool, int pooled,
                                  int width, float* out) {
    int w, r, v;
    if (!zinfer_cell(windows, inStride, width, &w, &r, &v)) {
        return;
    }
    int p = r / pool;
    float value = 0.0f;
    if (p < pooled) {
        long long at = ((long long) w * pooled + p) * width + v;
        value = (int) winners[at] == r - p * pool ? gradient[at] : 0.0f;
    }
    out[((long long) w * inStride + r) * width + v] = value;
}

__device__ float zinfer_derivative(float a, int kind, float alpha) {
    switch (kind) {
        case 1: return a > 0.0f ? 1.0f : 0.0f;
        case 2: return a > 0.0f ? 1.0f : alpha;
        case 3: return a * (1.0f - a);
        case 4: return 1.0f - a * a;
        default: return 1.0f;
    }
}

extern "C" __global__ void multiply_by_derivative(const float* outputs, float* gradient, long long count, int kind, float alpha) {
    long long i = zinfer_thread();
    if (i < count) {
        gradient[i] *= zinfer_derivative(outputs[i], kind, alpha);
    }
}

extern "C" __global__ void multiply_elements(const float* x, const float* factors, float* out, long long count) {
    long long i = zinfer_thread();
    if (i < count) {
        out[i] = x[i] * factors[i];
    }
}

__device__ float zinfer_tanh_by_sigmoid(float x) {
    return 2.0f * zinfer_sigmoid(2.0f * x) - 1.0f;
}

extern "C" __global__ void lstm_forward(int windows, int units, int steps, int time, int previousTime, const float* projection,
                                        const float* bias, const float* recurrent, float* gates, float* cells, float* tanhCells,
                                        float* previousHidden, float* hidden, int hiddenStride, int hiddenOffset) {
    int w, u;
    if (!zinfer_unit(windows, units, &w, &u)) {
        return;
    }
    long long row = (long long) w * steps + time;
    long long at = row * 4 * units + u;
    float a[4];
    for (int b = 0; b < 4; b++) {
        float x = projection[at + b * units] + bias[b * units + u];
        if (recurrent != 0) {
            x += recurrent[(long long) w * 4 * units + b * units + u];
        }
        a[b] = b == 0 ? zinfer_tanh_by_sigmoid(x) : zinfer_sigmoid(x);
        gates[at + b * units] = a[b];
    }
    float before = previousTime < 0 ? 0.0f : cells[((long long) w * steps + previousTime) * units + u];
    float c = a[1] * before + a[3] * a[0];
    float tc = zinfer_tanh_by_sigmoid(c);
    cells[row * units + u] = c;
    tanhCells[row * units + u] = tc;
    float* h = hidden + (long long) w * hiddenStride + hiddenOffset + u;
    previousHidden[row * units + u] = h[0];
    h[0] = a[2] * tc;
}

extern "C" __global__ void lstm_backward(int windows, int units, int steps, int time, int previousTime, const float* gates,
                                         const float* cells, const float* tanhCells, const float* hiddenGradient,
                                         int hiddenStride, int hiddenOffset, float* cellGradient, float* projectionGradient) {
    int w, u;
    if (!zinfer_unit(windows, units, &w, &u)) {
        return;
    }
    long long row = (long long) w * steps + time;
    long long at = row * 4 * units + u;
    float g = gates[at];
    float f = gates[at + units];
    float o = gates[at + 2 * units];
    float i = gates[at + 3 * units];
    float tc = tanhCells[row * units + u];
    float before = previousTime < 0 ? 0.0f : cells[((long long) w * steps + previousTime) * units + u];
    float dh = hiddenGradient[(long long) w * hiddenStride + hiddenOffset + u];
    float dc = cellGradient[(long long) w * units + u] + dh * o * (1.0f - tc * tc);
    projectionGradient[at] = dc * i * (1.0f - g * g);
    projectionGradient[at + units] = dc * before * f * (1.0f - f);
    projectionGradient[at + 2 * units] = dh * tc * o * (1.0f - o);
    projectionGradient[at + 3 * units] = dc * g * i * (1.0f - i);
    cellGradient[(long long) w * units + u] = dc * f;
}
