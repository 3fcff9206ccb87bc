package org.zinfer.gpu;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;

/** Status checks for the CUDA runtime and driver, cuBLAS and NVRTC: a failure becomes an exception naming the call. */
final class Cuda {
    private Cuda() {
    }

    static void check(int status, String call) {
        if (status != cudart.cudaSuccess) {
            throw new IllegalStateException("CUDA: " + call + " failed: " + cudart.cudaGetErrorString(status).getString() + " (" + status + ")");
        }
    }

    static void checkBlas(int status, String call) {
        if (status != cublas.CUBLAS_STATUS_SUCCESS) {
            throw new IllegalStateException("cuBLAS: " + call + " failed with status " + status);
        }
    }

    static void checkNvrtc(int status, String call, String log) {
        if (status != nvrtc.NVRTC_SUCCESS) {
            throw new IllegalStateException("NVRTC: " + call + " failed: " + nvrtc.nvrtcGetErrorString(status).getString()
                    + (log.isEmpty() ? "" : "\n" + log));
        }
    }
}
