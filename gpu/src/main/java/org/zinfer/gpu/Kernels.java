package org.zinfer.gpu;

import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** kernels.cu compiled by NVRTC for one device's architecture and loaded as a module of its context. */
final class Kernels {
    final CUfunc_st lookupConvolution;
    final CUfunc_st poolActivate;
    final CUfunc_st lstmStep;
    final CUfunc_st biasActivate;
    final CUfunc_st biasSoftmax;
    final CUfunc_st adamStep;
    final CUfunc_st unfold;
    final CUfunc_st fold;
    final CUfunc_st poolKeep;
    final CUfunc_st unpool;
    final CUfunc_st multiplyByDerivative;
    final CUfunc_st multiplyElements;
    final CUfunc_st lstmForward;
    final CUfunc_st lstmBackward;

    Kernels(int major, int minor) {
        CUmod_st module = new CUmod_st();
        Cuda.check(cudart.cuModuleLoadData(module, new BytePointer(ptx(source(), "compute_" + major + minor))), "cuModuleLoadData");
        lookupConvolution = function(module, "lookup_convolution");
        poolActivate = function(module, "pool_activate");
        lstmStep = function(module, "lstm_step");
        biasActivate = function(module, "bias_activate");
        biasSoftmax = function(module, "bias_softmax");
        adamStep = function(module, "adam_step");
        unfold = function(module, "unfold_rows");
        fold = function(module, "fold_rows");
        poolKeep = function(module, "pool_keep");
        unpool = function(module, "unpool");
        multiplyByDerivative = function(module, "multiply_by_derivative");
        multiplyElements = function(module, "multiply_elements");
        lstmForward = function(module, "lstm_forward");
        lstmBackward = function(module, "lstm_backward");
    }

    static String source() {
        try (InputStream in = Kernels.class.getResourceAsStream("kernels.cu")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PTX of the source for a virtual architecture such as compute_90; NVRTC runs without a GPU. */
    static byte[] ptx(String source, String architecture) {
        _nvrtcProgram program = new _nvrtcProgram();
        Cuda.checkNvrtc(nvrtc.nvrtcCreateProgram(program, new BytePointer(source), new BytePointer("kernels.cu"), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram", "");
        try {
            PointerPointer<BytePointer> options = new PointerPointer<>("--gpu-arch=" + architecture, "--fmad=false", "--std=c++14");
            int status = nvrtc.nvrtcCompileProgram(program, 3, options);
            Cuda.checkNvrtc(status, "nvrtcCompileProgram", log(program));
            SizeTPointer size = new SizeTPointer(1);
            Cuda.checkNvrtc(nvrtc.nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize", "");
            BytePointer ptx = new BytePointer(size.get());
            Cuda.checkNvrtc(nvrtc.nvrtcGetPTX(program, ptx), "nvrtcGetPTX", "");
            byte[] bytes = new byte[(int) size.get()];
            ptx.get(bytes);
            return bytes;
        } finally {
            nvrtc.nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtc.nvrtcGetProgramLogSize(program, size) != nvrtc.NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        BytePointer log = new BytePointer(size.get());
        nvrtc.nvrtcGetProgramLog(program, log);
        return log.getString();
    }

    private static CUfunc_st function(CUmod_st module, String name) {
        CUfunc_st function = new CUfunc_st();
        Cuda.check(cudart.cuModuleGetFunction(function, module, name), "cuModuleGetFunction " + name);
        return function;
    }
}
