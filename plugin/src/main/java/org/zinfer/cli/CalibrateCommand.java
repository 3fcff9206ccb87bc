package org.zinfer.cli;

import org.zinfer.scoring.calibration.Calibration;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.tools.Calibrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Write a copy of the model with each factor's null distribution of scores, from which scores become p-values.",
                "Null windows are windows without N drawn from GENOME, each shuffled keeping its dinucleotides (G+C and CpG stay, motifs go);",
                "p-values are empirical down to the top 1%%, from an exponential tail on the logit scale fitted to it beyond."})
final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    StrandOptions strands;

    @Mixin
    ShiftOptions shifts;

    @Option(names = {"-f", "--fasta"}, required = true, paramLabel = "GENOME", description = "Indexed genome FASTA the model will scan.")
    Path fasta;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Calibrated model bundle to write (.zinfer).")
    Path output;

    @Option(names = "--windows", defaultValue = "100000", paramLabel = "N", description = "Null windows to score (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for drawing and shuffling the windows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        FactorModel loaded = model.load(System.err);
        Calibration calibration = Calibrate.run(loaded, model.scorer(loaded, shifts.shifts, System.err),
                new Calibrate.Options(fasta, windows, seed, output, model.batch(), strands.reverseComplement, shifts.shifts), System.err);
        System.err.printf("zinfer: wrote %s: %s calibrated on %,d %s; p-values from the top %.0f%% on come from the fitted tail%n",
                output, loaded.metadata().name(), calibration.windows(), calibration.method(), 100 * calibration.factors().get(0).tailProbability());
        return 0;
    }
}
