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

// The pooled output this thread computes: window w, position p, lane v; false past the last one.
__device__ bool zinfer_pooled(int windows, int pooled, int width, int* w, int* p, int* v) {
    long long index = zinfer_thread();
    if (index >= (long long) windows * pooled * width) {
        return false;
    }
    *v = (int) (index % width);
    long long rest = index / width;
    *p = (int) (rest % pooled);
    *w = (int) (rest / pooled);
    return true;
}

__device__ void zinfer_store(float* out, int w, int p, int v, int width, int outLead, int outStride, float best,
                             const float* bias, int kind, float alpha) {
    zinfer_store(out, w, p, v, width, outLead, outStride, best, bias, kind, alpha);
}

extern "C" __global__ void lookup_convolution(const signed char* codes, int windows, int length, const float* table,
                                              int kernel, int leftPad, int pool, int pooled, int width,
                                              const float* bias, int kind, float alpha,
                                              float* out, int outLead, int outStride) {
    int w, p, v;
    if (!zinfer_pooled(windows, pooled, width, &w, &p, &v)) {
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
    if (!zinfer_pooled(windows, pooled, width, &w, &p, &v)) {
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
    long long index = zinfer_thread();
    if (index >= (long long) windows * units) {
        return;
    }
    int u = (int) (index % units);
    int w = (int) (index / units);
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
