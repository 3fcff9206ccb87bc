package org.zinfer.scoring.device;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The GPU engine's entry point, present when zinfer is built with a GPU profile (-Pcuda13, -Pcuda12). */
public interface DeviceProvider {
    /** For the log: which CUDA release and presets. */
    String describe();

    /** Opens these GPUs; fails at once, in one line, when a library or the GPU is missing. */
    List<Device> open(List<Integer> indices);

    /** The provider on the class path, if this build has one. */
    static Optional<DeviceProvider> installed() {
        return ServiceLoader.load(DeviceProvider.class).findFirst();
    }
}
