package org.zinfer.cli;

import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model: factors, window, layers, provenance.")
final class InfoCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "A zinfer bundle or Keras HDF5 file (default: the built-in model).")
    Path model;

    @Option(names = "--json", description = "Print the full metadata as JSON.")
    boolean json;

    @Override
    public Integer call() {
        FactorModel loaded = ModelLoader.loadOrDefault(model);
        ModelMetadata metadata = loaded.metadata();
        if (json) {
            System.out.println(ModelBundle.toJson(metadata));
            return 0;
        }
        System.out.println("name:         " + metadata.name());
        System.out.println("factors:      " + metadata.factors().size() + " (" + String.join(", ", metadata.factors()) + ")");
        System.out.println("window:       " + metadata.windowLength() + " nt, one-hot " + String.join(",", metadata.alphabet().split("")));
        System.out.println("layers:       " + metadata.architecture().describe());
        System.out.println("parameters:   " + loaded.network().numParams());
        System.out.println("source:       " + metadata.source());
        System.out.println("created:      " + metadata.created() + " by zinfer " + metadata.zinferVersion());
        if (metadata.calibration() != null) {
            System.out.printf("calibrated:   %s, %,d windows (seed %d), scored with %s%n", metadata.calibration().method(),
                    metadata.calibration().windows(), metadata.calibration().seed(), metadata.calibration().reading().flags());
        }
        return 0;
    }
}
