package org.zinfer.scoring.compute;

import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;

import java.util.Locale;

/**
 * The one place that knows which ND4J backend this process runs on. A zinfer build carries one backend: the
 * CPU natives by default, CUDA 11.6 with cuDNN when built with -Pcuda. Asking for a device the build or the
 * machine cannot give fails at once, in one line, before any model is loaded.
 */
public final class Backend {
    private Backend() {
    }

    /** Loads the backend, checks it against the requested device (auto, cpu, gpu) and returns its name (CPU, CUDA). */
    public static String require(String device) {
        checkName(device);
        boolean gpu;
        try {
            gpu = !isCpu();
        } catch (Throwable e) {
            throw new InputException("the ND4J backend did not load (" + e.getMessage() + ")"
                    + (device.equals("cpu") ? "" : "; for a GPU, CUDA 11.6 and a matching driver must be installed"), e);
        }
        if (device.equals("gpu") && !gpu) {
            throw new InputException("--device gpu: this zinfer has no GPU engine; build it with 'mvn -Pcuda13 package' "
                    + "(CUDA 13) or 'mvn -Pcuda12 package' (CUDA 12) for zinfer's GPU engine, or 'mvn -Pcuda package' for ND4J on CUDA 11.6");
        }
        if (device.equals("cpu") && gpu) {
            throw new InputException("--device cpu: this zinfer was built for CUDA; use a CPU build (mvn package) for the CPU");
        }
        return gpu ? "CUDA" : "CPU";
    }

    /** Fails unless the --device value is auto, cpu or gpu. */
    public static void checkName(String device) {
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new InputException("--device must be auto, cpu or gpu, not '" + device + "'");
        }
    }

    /** Whether ND4J runs on the CPU; zinfer's own CPU engine and trainer step aside when it does not. */
    public static boolean isCpu() {
        return Nd4j.getBackend().getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("cpu");
    }
}
