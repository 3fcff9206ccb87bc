package org.zinfer.cli;

import org.zinfer.scoring.tools.FastaPrediction;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Score each record of a FASTA file (each exactly one window long); write a TSV, one column per factor.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    StrandOptions strands;

    @Mixin
    ShiftOptions shifts;

    @Option(names = {"-f", "--fasta"}, required = true, paramLabel = "FILE", description = "FASTA records to score (plain or gzip).")
    Path fasta;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "TSV to write: name, then one score per factor.")
    Path out;

    @Override
    public Integer call() {
        FactorModel loaded = model.load(System.err);
        long scored = FastaPrediction.run(loaded, fasta, out, model.scorer(loaded, shifts.shifts, System.err), model.batch(), strands.reverseComplement, System.err);
        System.err.printf("zinfer: scored %,d records into %s%n", scored, out);
        return 0;
    }
}
