package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.model.ModelMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the built-in model and the model bundles (.zinfer) in directories (default: the current one).")
final class ModelsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Directories to look in.")
    List<Path> directories = List.of(Path.of("."));

    @Override
    public Integer call() throws IOException {
        System.out.println("file\tname\tfactors\twindow\tsource");
        ModelMetadata builtIn = ModelLoader.defaultMetadata();
        if (builtIn != null) {
            System.out.println(ModelLoader.DEFAULT_NAME + "\t" + builtIn.name() + "\t" + builtIn.factors().size() + "\t" + builtIn.windowLength() + "\t" + builtIn.source());
        }
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new InputException("not a directory: " + directory);
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.toString().endsWith(ModelBundle.EXTENSION)).sorted().toList()) {
                    ModelMetadata m = ModelBundle.readMetadata(file);
                    System.out.println(file + "\t" + m.name() + "\t" + m.factors().size() + "\t" + m.windowLength() + "\t" + m.source());
                }
            }
        }
        return 0;
    }
}
