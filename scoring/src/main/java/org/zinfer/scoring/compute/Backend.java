package org.zinfer.scoring.compute;

import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;


/**
 * The one place that knows which ND4J backend this process runs on. A zinfer build carries one backend: the
 * CPU natives by default, CUDA 11.6 with cuDNN when built with -Pcuda; which one is known from the build's
 * classes, without loading the natives (a quarter of a second), which only DL4J's networks need: a scan of a
 * Keras model with the fast engine never loads them. Asking for a device the build cannot give fails at once,
 * in one line, before any model is loaded; natives that cannot load fail in one line where first needed.
 */
public final class Backend {
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private Backend() {
    }

    /** Checks the build's backend against the requested device (auto, cpu, gpu) and returns its name (CPU, CUDA). */
    public static String require(String device) {
        checkName(device);
        boolean gpu = !isCpu();
        if (device.equals("gpu") && !gpu) {
            throw new InputException("--device gpu: this zinfer has no GPU engine; build it with 'mvn -Pcuda13 package' "
                    + "(CUDA 13) or 'mvn -Pcuda12 package' (CUDA 12) for zinfer's GPU engine, or 'mvn -Pcuda package' for ND4J on CUDA 11.6");
        }
        if (device.equals("cpu") && gpu) {
            throw new InputException("--device cpu: this zinfer was built for CUDA; use a CPU build (mvn package) for the CPU");
        }
        return gpu ? "CUDA" : "CPU";
    }

    /** Loads ND4J's natives (once); a failure is one line. */
    public static void load() {
        try {
            Nd4j.getBackend();
        } catch (Throwable e) {
            throw new InputException("the ND4J backend did not load (" + e.getMessage() + ")"
                    + (isCpu() ? "" : "; for a GPU, CUDA 11.6 and a matching driver must be installed"), e);
        }
    }

    /** Fails unless the --device value is auto, cpu or gpu. */
    public static void checkName(String device) {
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu")) {
            throw new InputException("--device must be auto, cpu or gpu, not '" + device + "'");
        }
    }

    /** Whether ND4J runs on the CPU (this build has no CUDA backend); zinfer's own CPU engine and trainer step aside when it does not. */
    public static boolean isCpu() {
        try {
            Class.forName(CUDA_BACKEND, false, Backend.class.getClassLoader());
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }
}
