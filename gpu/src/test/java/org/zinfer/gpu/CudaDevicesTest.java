package org.zinfer.gpu;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceProvider;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GPU engine is what the CLI finds, and on a machine without CUDA or a GPU it fails at once, in one line. */
class CudaDevicesTest {
    @Test
    void theBuildOffersTheGpuEngine() {
        DeviceProvider provider = DeviceProvider.installed().orElseThrow();
        assertInstanceOf(CudaDevices.class, provider);
        assertTrue(provider.describe().startsWith("CUDA 1"), provider.describe());
    }

    @Test
    void opensTheGpuOrSaysInOneLineWhatIsMissing() {
        List<Device> devices;
        try {
            devices = new CudaDevices().open(List.of(0));
        } catch (InputException e) {
            String message = e.getMessage();
            System.out.println("without a GPU: " + message);
            assertTrue(message.startsWith("--device gpu: "), message);
            assertTrue(message.contains("not found; searched") || message.contains("no usable GPU"), message);
            assertFalse(message.contains("\n"), message);
            return;
        }
        assertEquals(1, devices.size());
        assertTrue(devices.get(0).describe().contains("GPU 0"), devices.get(0).describe());
    }
}
