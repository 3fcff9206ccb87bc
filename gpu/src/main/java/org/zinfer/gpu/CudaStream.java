package org.zinfer.gpu;

import org.bytedeco.cuda.cublas.cublasContext;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.zinfer.scoring.device.DeviceStream;
import org.zinfer.scoring.model.Activation;

import java.util.ArrayList;
import java.util.List;

/**
 * A CUDA stream with its own cuBLAS handle and pinned host buffers: uploads and downloads go through page-locked
 * memory asynchronously, products are cuBLAS SGEMMs in full float32 (default math: no TF32), kernels are launched from
 * kernels.cu. Row-major products are computed as their column-major transposes: C^T = B^T A^T.
 */
final class CudaStream implements DeviceStream {
    private static final int THREADS = 256;
    private final CudaDevice device;
    private final CUstream_st stream = new CUstream_st();
    private final cublasContext blas = new cublasContext();
    private final FloatPointer one = new FloatPointer(1f);
    private final FloatPointer zero = new FloatPointer(0f);
    private final List<Pointer> allocations = new ArrayList<>();
    private BytePointer pinnedCodes = new BytePointer();
    private long pinnedCodesSize;
    private FloatPointer pinnedScores = new FloatPointer();
    private long pinnedScoresSize;
    private FloatPointer pinnedFloats = new FloatPointer();
    private long pinnedFloatsSize;

    private record Memory(Pointer pointer) implements Buffer {
        long address(long offset, int elementSize) {
            return pointer.address() + offset * elementSize;
        }
    }

    CudaStream(CudaDevice device) {
        this.device = device;
        device.bind();
        Cuda.check(cudart.cudaStreamCreate(stream), "cudaStreamCreate");
        Cuda.checkBlas(cublas.cublasCreate_v2(blas), "cublasCreate");
        Cuda.checkBlas(cublas.cublasSetStream_v2(blas, stream), "cublasSetStream");
        Cuda.checkBlas(cublas.cublasSetMathMode(blas, cublas.CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    }

    @Override
    public Buffer allocateFloats(long count) {
        return allocate(Math.max(1, count) * Float.BYTES);
    }

    @Override
    public Buffer allocateBytes(long count) {
        return allocate(Math.max(1, count));
    }

    private Buffer allocate(long bytes) {
        device.bind();
        Pointer pointer = new Pointer();
        Cuda.check(cudart.cudaMalloc(pointer, bytes), "cudaMalloc " + bytes + " bytes");
        allocations.add(pointer);
        Cuda.check(cudart.cudaMemsetAsync(pointer, 0, bytes, stream), "cudaMemsetAsync");
        return new Memory(pointer);
    }

    @Override
    public Buffer constant(float[] values) {
        Buffer buffer = allocateFloats(values.length);
        Cuda.check(cudart.cudaMemcpy(((Memory) buffer).pointer, new FloatPointer(values), (long) values.length * Float.BYTES,
                cudart.cudaMemcpyHostToDevice), "cudaMemcpy");
        return buffer;
    }

    @Override
    public void upload(byte[] codes, int from, int count, Buffer target) {
        device.bind();
        if (pinnedCodesSize < count) {
            pinnedCodes = (BytePointer) pinned(pinnedCodes, count, new BytePointer());
            pinnedCodesSize = count;
        }
        // the previous batch's copy out of the pinned buffer finished: download() waited for the stream
        pinnedCodes.position(0).put(codes, from, count);
        Cuda.check(cudart.cudaMemcpyAsync(((Memory) target).pointer, pinnedCodes, count, cudart.cudaMemcpyHostToDevice, stream), "cudaMemcpyAsync");
    }

    @Override
    public void download(Buffer source, int count, float[] target) {
        if (pinnedScoresSize < count) {
            pinnedScores = (FloatPointer) pinned(pinnedScores, (long) count * Float.BYTES, new FloatPointer());
            pinnedScoresSize = count;
        }
        Cuda.check(cudart.cudaMemcpyAsync(pinnedScores, ((Memory) source).pointer, (long) count * Float.BYTES,
                cudart.cudaMemcpyDeviceToHost, stream), "cudaMemcpyAsync");
        Cuda.check(cudart.cudaStreamSynchronize(stream), "cudaStreamSynchronize");
        pinnedScores.position(0).get(target, 0, count);
    }

    /** Page-locked host memory of the given size in place of old (freed). */
    private static Pointer pinned(Pointer old, long bytes, Pointer fresh) {
        if (!old.isNull()) {
            cudart.cudaFreeHost(old);
        }
        Cuda.check(cudart.cudaMallocHost(fresh, bytes), "cudaMallocHost " + bytes + " bytes");
        return fresh.capacity(bytes / (fresh instanceof FloatPointer ? Float.BYTES : 1));
    }

    @Override
    public void upload(float[] values, int count, Buffer target) {
        device.bind();
        // the queued work may still read the target, and the pinned buffer's last copy: wait for both
        Cuda.check(cudart.cudaStreamSynchronize(stream), "cudaStreamSynchronize");
        if (pinnedFloatsSize < count) {
            pinnedFloats = (FloatPointer) pinned(pinnedFloats, (long) count * Float.BYTES, new FloatPointer());
            pinnedFloatsSize = count;
        }
        pinnedFloats.position(0).put(values, 0, count);
        Cuda.check(cudart.cudaMemcpyAsync(((Memory) target).pointer, pinnedFloats, (long) count * Float.BYTES, cudart.cudaMemcpyHostToDevice,
                stream), "cudaMemcpyAsync");
    }

    /** A row-major product is its column-major transpose, C^T = op(B)^T op(A)^T: the stored matrices swap places. */
    @Override
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, Buffer a, long aOffset, int lda, Buffer b,
                         long bOffset, int ldb, boolean accumulate, Buffer c, long cOffset, int ldc) {
        Cuda.checkBlas(cublas.cublasSgemm_v2(blas, transposeB ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N,
                transposeA ? cublas.CUBLAS_OP_T : cublas.CUBLAS_OP_N, n, m, k, one,
                floats(b, bOffset), ldb, floats(a, aOffset), lda, accumulate ? one : zero, floats(c, cOffset), ldc), "cublasSgemm");
    }

    private static FloatPointer floats(Buffer buffer, long offset) {
        return new FloatPointer(((Memory) buffer).pointer).position(offset);
    }

    @Override
    public void lookupConvolution(Buffer codes, int windows, int length, Buffer table, int kernel, int leftPad, int pool,
                                  int pooled, int width, Buffer bias, Activation activation, Buffer out, int outLead, int outStride) {
        launch(device.kernels().lookupConvolution, (long) windows * pooled * width,
                address(codes, 0, 1), i(windows), i(length), address(table, 0, 4), i(kernel), i(leftPad), i(pool), i(pooled), i(width),
                address(bias, 0, 4), i(activation.kind().ordinal()), f((float) activation.alpha()), address(out, 0, 4), i(outLead), i(outStride));
    }

    @Override
    public void poolActivate(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias,
                             Activation activation, Buffer out, int outLead, int outStride) {
        launch(device.kernels().poolActivate, (long) windows * pooled * width,
                address(in, 0, 4), i(windows), i(inStride), i(pool), i(pooled), i(width), address(bias, 0, 4),
                i(activation.kind().ordinal()), f((float) activation.alpha()), address(out, 0, 4), i(outLead), i(outStride));
    }

    @Override
    public void lstmStep(int windows, int units, Buffer z, int zStride, long zOffset, Buffer bias, Buffer cells, int cellStride,
                         int cellOffset, Buffer hidden, int hiddenStride, int hiddenOffset) {
        launch(device.kernels().lstmStep, (long) windows * units,
                i(windows), i(units), address(z, 0, 4), i(zStride), l(zOffset), address(bias, 0, 4),
                address(cells, 0, 4), i(cellStride), i(cellOffset), address(hidden, 0, 4), i(hiddenStride), i(hiddenOffset));
    }

    @Override
    public void biasActivate(Buffer x, int windows, int units, Buffer bias, Activation activation) {
        if (activation.kind() == Activation.Kind.SOFTMAX) {
            launch(device.kernels().biasSoftmax, windows, address(x, 0, 4), i(windows), i(units), address(bias, 0, 4));
        } else {
            launch(device.kernels().biasActivate, (long) windows * units, address(x, 0, 4), i(windows), i(units), address(bias, 0, 4),
                    i(activation.kind().ordinal()), f((float) activation.alpha()));
        }
    }

    @Override
    public void zero(Buffer buffer, long offset, long count) {
        Memory memory = (Memory) buffer;
        Cuda.check(cudart.cudaMemsetAsync(new BytePointer(memory.pointer).position(offset * Float.BYTES), 0, count * Float.BYTES, stream),
                "cudaMemsetAsync");
    }

    @Override
    public void adamStep(Buffer values, Buffer gradients, Buffer first, Buffer second, int count, float rate, float beta1, float beta2,
                         float epsilon) {
        launch(device.kernels().adamStep, count, address(values, 0, 4), address(gradients, 0, 4), address(first, 0, 4),
                address(second, 0, 4), i(count), f(rate), f(beta1), f(beta2), f(epsilon));
    }

    @Override
    public void unfold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out) {
        launch(device.kernels().unfold, (long) windows * convolved * kernel * channels, address(in, 0, 4), i(windows), i(length),
                i(channels), i(kernel), i(leftPad), i(convolved), address(out, 0, 4));
    }

    @Override
    public void fold(Buffer in, int windows, int length, int channels, int kernel, int leftPad, int convolved, Buffer out) {
        launch(device.kernels().fold, (long) windows * length * channels, address(in, 0, 4), i(windows), i(length),
                i(channels), i(kernel), i(leftPad), i(convolved), address(out, 0, 4));
    }

    @Override
    public void poolKeep(Buffer in, int windows, int inStride, int pool, int pooled, int width, Buffer bias, Activation activation,
                         Buffer out, Buffer winners) {
        launch(device.kernels().poolKeep, (long) windows * pooled * width, address(in, 0, 4), i(windows), i(inStride), i(pool),
                i(pooled), i(width), address(bias, 0, 4), i(activation.kind().ordinal()), f((float) activation.alpha()),
                address(out, 0, 4), address(winners, 0, 4));
    }

    @Override
    public void unpool(Buffer gradient, Buffer winners, int windows, int inStride, int pool, int pooled, int width, Buffer out) {
        launch(device.kernels().unpool, (long) windows * inStride * width, address(gradient, 0, 4), address(winners, 0, 4),
                i(windows), i(inStride), i(pool), i(pooled), i(width), address(out, 0, 4));
    }

    @Override
    public void multiplyByDerivative(Activation activation, Buffer outputs, Buffer gradient, long count) {
        launch(device.kernels().multiplyByDerivative, count, address(outputs, 0, 4), address(gradient, 0, 4), l(count),
                i(activation.kind().ordinal()), f((float) activation.alpha()));
    }

    @Override
    public void multiplyElements(Buffer x, Buffer factors, Buffer out, long count) {
        launch(device.kernels().multiplyElements, count, address(x, 0, 4), address(factors, 0, 4), address(out, 0, 4), l(count));
    }

    @Override
    public void lstmForward(int windows, int units, int steps, int time, int previousTime, Buffer projection, Buffer bias,
                            Buffer recurrent, Buffer gates, Buffer cells, Buffer tanhCells, Buffer previousHidden, Buffer hidden,
                            int hiddenStride, int hiddenOffset) {
        launch(device.kernels().lstmForward, (long) windows * units, i(windows), i(units), i(steps), i(time), i(previousTime),
                address(projection, 0, 4), address(bias, 0, 4), recurrent == null ? l(0) : address(recurrent, 0, 4),
                address(gates, 0, 4), address(cells, 0, 4), address(tanhCells, 0, 4), address(previousHidden, 0, 4),
                address(hidden, 0, 4), i(hiddenStride), i(hiddenOffset));
    }

    @Override
    public void lstmBackward(int windows, int units, int steps, int time, int previousTime, Buffer gates, Buffer cells,
                             Buffer tanhCells, Buffer hiddenGradient, int hiddenStride, int hiddenOffset, Buffer cellGradient,
                             Buffer projectionGradient) {
        launch(device.kernels().lstmBackward, (long) windows * units, i(windows), i(units), i(steps), i(time), i(previousTime),
                address(gates, 0, 4), address(cells, 0, 4), address(tanhCells, 0, 4), address(hiddenGradient, 0, 4),
                i(hiddenStride), i(hiddenOffset), address(cellGradient, 0, 4), address(projectionGradient, 0, 4));
    }

    /** Launches a kernel with one thread per item; each argument is a pointer to its value, as cuLaunchKernel takes them. */
    private void launch(CUfunc_st function, long items, Pointer... arguments) {
        long blocks = (items + THREADS - 1) / THREADS;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large for one launch: " + items + " threads");
        }
        Cuda.check(cudart.cuLaunchKernel(function, (int) Math.max(1, blocks), 1, 1, THREADS, 1, 1, 0, stream,
                new PointerPointer<>(arguments), null), "cuLaunchKernel");
    }

    /** A device pointer argument: the buffer's address plus offset elements. */
    private static Pointer address(Buffer buffer, long offset, int elementSize) {
        return new LongPointer(1).put(((Memory) buffer).address(offset, elementSize));
    }

    private static Pointer l(long value) {
        return new LongPointer(1).put(value);
    }

    private static Pointer i(int value) {
        return new IntPointer(1).put(value);
    }

    private static Pointer f(float value) {
        return new FloatPointer(1).put(value);
    }

    @Override
    public void close() {
        device.bind();
        cudart.cudaStreamSynchronize(stream);
        for (Pointer pointer : allocations) {
            cudart.cudaFree(pointer);
        }
        for (Pointer host : List.of(pinnedCodes, pinnedScores, pinnedFloats)) {
            if (!host.isNull()) {
                cudart.cudaFreeHost(host);
            }
        }
        cublas.cublasDestroy_v2(blas);
        cudart.cudaStreamDestroy(stream);
    }
}
