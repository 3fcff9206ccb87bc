package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.tools.MotifLearning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "motifs", mixinStandardHelpOptions = true,
        description = {"Write the motif each factor's model has learned: motifs.meme, motifs.transfac, FACTOR.logo.png and,"
                + " with --jaspar, matches.tsv (each matrix's best matches in that database).",
                "In each input that scores high for a factor the stretch with the most gradient × input contribution is cut out,"
                        + " and these seqlets are aligned (shift and strand) into a matrix.",
                "Matches are TOMTOM-like: summed Pearson correlation of aligned columns, p-values against the query's columns shuffled."})
final class MotifsCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Option(names = "--method", defaultValue = "seqlets", paramLabel = "METHOD",
            description = "seqlets: cut from the background windows that score best; dream: cut from inputs optimised from random"
                    + " starts to score high (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--starts", defaultValue = "32", paramLabel = "N", description = "dream: random starts per factor (default: ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "dream: gradient steps per start (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = {"-f", "--fasta"}, paramLabel = "FILE",
            description = "Draw background windows from this indexed genome FASTA (default: i.i.d. bases of --gc).")
    Path fasta;

    @Option(names = "--gc", defaultValue = "0.41", paramLabel = "FRACTION",
            description = "G+C fraction of the i.i.d. background (default: ${DEFAULT-VALUE}, the human genome's).")
    double gc;

    @Option(names = "--windows", defaultValue = "20000", paramLabel = "N", description = "Background windows to score (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--top", defaultValue = "100", paramLabel = "N",
            description = "Best-scoring windows per factor to cut seqlets from (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the background windows (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jaspar", paramLabel = "FILE", description = "TRANSFAC file of known matrices to match the learned ones against (e.g. JASPAR's).")
    Path jaspar;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for the motif files.")
    Path out;

    @Override
    public Integer call() {
        FactorModel loaded = model.load(System.err);
        MotifLearning.Method chosen = switch (method.toLowerCase(Locale.ROOT)) {
            case "seqlets" -> MotifLearning.Method.SEQLETS;
            case "dream" -> MotifLearning.Method.DREAM;
            default -> throw new InputException("--method must be seqlets or dream, not " + method);
        };
        if (starts < 1 || steps < 1) {
            throw new InputException("--starts and --steps must be at least 1");
        }
        MotifLearning.Options options = new MotifLearning.Options(chosen, fasta, gc, windows, top, starts, steps, seed, jaspar, out, model.batch());
        List<MotifLearning.Learned> learned = MotifLearning.run(loaded, model.scorer(loaded, 1, System.err), model.workers(), options, System.err);
        System.err.printf("zinfer: learned %d of %d factors' motifs; files in %s%n", learned.stream().filter(l -> l.matrix() != null).count(),
                learned.size(), out);
        return 0;
    }
}
