package org.zinfer.gpu;

import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceStream;

/** One CUDA GPU: its name and architecture, and the kernels compiled for it. */
public final class CudaDevice implements Device {
    private final int index;
    private final String name;
    private final Kernels kernels;

    CudaDevice(int index) {
        this.index = index;
        bind();
        cudaDeviceProp properties = new cudaDeviceProp();
        Cuda.check(cudart.cudaGetDeviceProperties(properties, index), "cudaGetDeviceProperties");
        this.name = properties.name().getString() + " (GPU " + index + ", compute capability " + properties.major() + "." + properties.minor() + ")";
        this.kernels = new Kernels(properties.major(), properties.minor());
    }

    /** Makes this GPU's primary context current on the calling thread (streams move between worker threads). */
    void bind() {
        Cuda.check(cudart.cudaSetDevice(index), "cudaSetDevice " + index);
    }

    Kernels kernels() {
        return kernels;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public DeviceStream openStream() {
        return new CudaStream(this);
    }

    @Override
    public void close() {
    }
}
