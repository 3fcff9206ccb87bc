package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceProvider;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.ShiftMean;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The options of every command that scores with a model. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "Model: a zinfer bundle (.zinfer) or a Keras HDF5 file (.h5) (default: the built-in model; see zinfer models).")
    Path model;

    /** Windows per batch on a GPU: enough to fill one, small enough for two streams' buffers on a 16 GB card. */
    static final int GPU_BATCH = 4096;

    @Option(names = "--batch", paramLabel = "N",
            description = "Windows per batch (default: " + ScoringEngine.DEFAULT_BATCH + " on the CPU, " + GPU_BATCH + " on a GPU).")
    Integer batch;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "ENGINE",
            description = "fast: zinfer's CPU engine where the model allows it; reference: DL4J's graph (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of the fast engine (default: all cores).")
    Integer threads;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "auto: a GPU when this build has the GPU engine (-Pcuda13, -Pcuda12) and finds one with its CUDA libraries, "
                    + "else the CPU; cpu or gpu: insist on it, failing at once if it cannot load (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--devices", split = ",", paramLabel = "N[,N...]",
            description = "The GPUs to score on, by index, one worker each (default: 0).")
    List<Integer> devices = List.of(0);

    /** The GPUs the GPU engine opened; empty on the CPU. */
    private List<Device> gpus = List.of();

    /** --threads, or every core. */
    int workers() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    int batch() {
        return batch != null ? batch : gpus.isEmpty() ? ScoringEngine.DEFAULT_BATCH : GPU_BATCH;
    }

    FactorModel load(PrintStream log) {
        gpus = openGpus(log);
        String backend = Backend.require(gpus.isEmpty() ? device : "auto");
        FactorModel loaded = ModelLoader.loadOrDefault(model);
        log.printf("zinfer: model %s: %d factors, windows of %d nt; ND4J backend %s%n",
                loaded.metadata().name(), loaded.factors().size(), loaded.windowLength(), backend);
        return loaded;
    }

    /** The scorer of the model; shifts > 1: each window's scores the mean over that many shifted copies ({@link ShiftMean}). */
    WindowScorer scorer(FactorModel loaded, int shifts, PrintStream log) {
        boolean fast = Flags.fastEngine(engine);
        if (batch() < 1 || (threads != null && threads < 1)) {
            throw new InputException("--batch and --threads must be at least 1");
        }
        WindowScorer scorer = ShiftMean.of(gpus.isEmpty() ? Scorers.forModel(loaded, fast, workers(), batch()) : Scorers.onDevices(loaded, gpus, batch()),
                shifts, loaded.windowLength());
        log.println("zinfer: scoring with " + scorer.describe());
        return scorer;
    }

    /**
     * The GPUs of the GPU engine, when this build has one and --device allows it: with gpu, a missing library or
     * GPU fails here in one line; with auto, it is logged and the CPU scores.
     */
    private List<Device> openGpus(PrintStream log) {
        Backend.checkName(device);
        Optional<DeviceProvider> provider = DeviceProvider.installed();
        if (device.equals("cpu") || provider.isEmpty()) {
            return List.of();
        }
        try {
            List<Device> opened = provider.get().open(devices);
            log.println("zinfer: GPU engine, " + provider.get().describe());
            return opened;
        } catch (InputException e) {
            if (device.equals("gpu")) {
                throw e;
            }
            log.println("zinfer: no GPU here (" + e.getMessage().replaceFirst("^--device gpu: ", "") + "); scoring on the CPU");
            return List.of();
        }
    }
}
