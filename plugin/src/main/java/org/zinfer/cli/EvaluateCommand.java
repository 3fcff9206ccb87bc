package org.zinfer.cli;

import org.zinfer.scoring.evaluation.EvaluationReport;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.tools.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a labelled HDF5 dataset with a model: per-factor ROC AUC and PR AUC and their means (as Keras' AUC(multi_label=True) averages),",
                "written as metrics.tsv and metrics.json with ROC and PR curves (PNG) and, for models trained by zinfer, a loss/AUC-per-epoch plot."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", required = true, paramLabel = "H5", description = "Windows and labels to evaluate on.")
    Path data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for metrics and plots.")
    Path out;

    @Override
    public Integer call() {
        FactorModel model = modelOptions.load(System.err);
        FactorMetrics metrics = Evaluation.run(model, data, out, modelOptions.scorer(model, System.err), modelOptions.batch, System.err);
        System.out.print(EvaluationReport.tsv(metrics));
        return 0;
    }
}
