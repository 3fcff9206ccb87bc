package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.tools.Explanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Write how much each base adds to each factor's score: FACTOR.contrib.bw (base resolution) and,"
                + " for regions of at most " + Explanation.TABLE_LIMIT + " bases in all, contributions.tsv.",
                "A contribution is in logit units: positive where the base present raises the factor's score. Each region is"
                        + " cut into step-wide stretches and every base takes its value from the window centred on its stretch.",
                "Methods: integrated-gradients (the default: gradient × input, the gradient averaged over points on the way"
                        + " from the all-N window to the window, centred over the other three bases; one backward pass per factor"
                        + " and point), gradient (the same with the gradient at the window itself) or"
                        + " ism (in-silico mutagenesis: the logit minus the mean logit with the base replaced by each other"
                        + " base; exact, 3 forward passes per base explained)."})
final class ExplainCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    StrandOptions strands;

    @Mixin
    GenomeOptions genome;

    @Option(names = "--factor", paramLabel = "NAME",
            description = "Explain this factor (repeat for more; default: every factor). Gradient × input costs one backward pass per factor.")
    List<String> factors = new ArrayList<>();

    @Option(names = "--method", defaultValue = "integrated-gradients", paramLabel = "METHOD",
            description = "integrated-gradients, gradient or ism (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--integration-steps", defaultValue = "1", paramLabel = "N",
            description = "Points of integrated gradients, each the middle of one of N equal parts of the way (default: ${DEFAULT-VALUE};"
                    + " each costs a forward and a backward pass).")
    int integrationSteps;

    @Option(names = "--step", defaultValue = "200", paramLabel = "NT",
            description = "Width of the stretch each window explains: every base is at most step/2 from its window's centre (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--plot", description = "Also draw each factor's contributions over each region (at most "
            + Explanation.PLOT_LIMIT + " bases) as a sequence logo: FACTOR.contrib.CONTIG_START-END.png.")
    boolean plot;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for the contribution files.")
    Path out;

    @Override
    public Integer call() {
        Explanation.Method chosen = switch (method.toLowerCase(Locale.ROOT)) {
            case "integrated-gradients" -> Explanation.Method.INTEGRATED_GRADIENTS;
            case "gradient" -> Explanation.Method.GRADIENT;
            case "ism" -> Explanation.Method.ISM;
            default -> throw new InputException("--method must be integrated-gradients, gradient or ism, not " + method);
        };
        FactorModel loaded = model.load(System.err);
        WindowScorer scorer = chosen == Explanation.Method.ISM ? model.scorer(loaded, 1, System.err) : null;
        Explanation.Options options = new Explanation.Options(genome.fasta, genome.regions(), factors, step, chosen, integrationSteps, plot, out, model.batch(),
                strands.reverseComplement);
        Explanation.Summary summary = Explanation.run(loaded, scorer, model.workers(), options, System.err);
        System.err.printf("zinfer: explained %,d windows in %.1f s (%,.0f %s/s); contributions in %s%n", summary.windows(),
                summary.seconds(), summary.passesPerSecond(), chosen == Explanation.Method.ISM ? "mutants" : "windows", out);
        return 0;
    }
}
