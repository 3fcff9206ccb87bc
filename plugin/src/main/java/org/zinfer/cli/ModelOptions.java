package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;

/** The options of every command that scores with a model. */
final class ModelOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "Model: a zinfer bundle (.zinfer) or a Keras HDF5 file (.h5) (default: the built-in model; see zinfer models).")
    Path model;

    @Option(names = "--batch", defaultValue = "" + ScoringEngine.DEFAULT_BATCH, paramLabel = "N",
            description = "Windows per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "ENGINE",
            description = "fast: zinfer's CPU engine where the model allows it; reference: DL4J's graph (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of the fast engine (default: all cores).")
    Integer threads;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE",
            description = "auto: the backend this build has; cpu or gpu: insist on it, failing at once if it cannot load (default: ${DEFAULT-VALUE}).")
    String device;

    /** --threads, or every core. */
    int workers() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    FactorModel load(PrintStream log) {
        String backend = Backend.require(device);
        FactorModel loaded = ModelLoader.loadOrDefault(model);
        log.printf("zinfer: model %s: %d factors, windows of %d nt; ND4J backend %s%n",
                loaded.metadata().name(), loaded.factors().size(), loaded.windowLength(), backend);
        return loaded;
    }

    WindowScorer scorer(FactorModel loaded, PrintStream log) {
        boolean fast = Flags.fastEngine(engine);
        if (batch < 1 || (threads != null && threads < 1)) {
            throw new InputException("--batch and --threads must be at least 1");
        }
        WindowScorer scorer = Scorers.forModel(loaded, fast, workers(), batch);
        log.println("zinfer: scoring with " + scorer.describe());
        return scorer;
    }
}
