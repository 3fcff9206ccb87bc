package org.zinfer.gpu;

import org.bytedeco.cuda.global.cudart;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** The GPUs of this machine through the JavaCPP CUDA presets this build carries, over the user's CUDA libraries. */
public final class CudaDevices implements DeviceProvider {
    private final Properties build = properties();

    /** The CUDA release whose libraries this build links (13 or 12). */
    public int cudaMajor() {
        return Integer.parseInt(build.getProperty("cuda.major"));
    }

    @Override
    public String describe() {
        return "CUDA " + cudaMajor() + " (JavaCPP presets " + build.getProperty("cuda.presets") + ")";
    }

    @Override
    public List<Device> open(List<Integer> indices) {
        CudaLibraries.find(cudaMajor()).load();
        int[] count = new int[1];
        int status = cudart.cudaGetDeviceCount(count);
        if (status != cudart.cudaSuccess || count[0] == 0) {
            throw new InputException("--device gpu: no usable GPU ("
                    + (status != cudart.cudaSuccess ? cudart.cudaGetErrorString(status).getString() : "the driver reports none") + ")");
        }
        List<Device> devices = new ArrayList<>();
        for (int index : indices) {
            if (index < 0 || index >= count[0]) {
                throw new InputException("--devices: GPU " + index + " does not exist; this machine has " + count[0] + " (0 to " + (count[0] - 1) + ")");
            }
            devices.add(new CudaDevice(index));
        }
        return devices;
    }

    private static Properties properties() {
        try (InputStream in = CudaDevices.class.getResourceAsStream("cuda.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
