package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a Keras HDF5 model into a zinfer model bundle, optionally naming its factors.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = {"-k", "--keras"}, required = true, paramLabel = "FILE", description = "Keras model saved as HDF5 (.h5).")
    Path keras;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Bundle to write (.zinfer).")
    Path out;

    @Option(names = "--factors", split = ",", paramLabel = "NAME", description = "Factor names, one per output, in order.")
    List<String> factors;

    @Option(names = "--factors-file", paramLabel = "FILE", description = "Factor names, one per line, in output order.")
    Path factorsFile;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the Keras file name).")
    String name;

    @Override
    public Integer call() throws IOException {
        List<String> names = factors;
        if (factorsFile != null) {
            if (!Files.isRegularFile(factorsFile)) {
                throw new InputException("factor names file not found: " + factorsFile);
            }
            names = Files.readAllLines(factorsFile).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        FactorModel model = ModelLoader.importKeras(keras, names);
        if (name != null) {
            model = new FactorModel(model.network(), model.metadata().withName(name));
        }
        ModelBundle.write(model, out);
        System.err.printf("zinfer: wrote %s: %d factors (%s), %s%n", out, model.factors().size(),
                String.join(", ", model.factors()), model.metadata().architecture().describe());
        return 0;
    }
}
