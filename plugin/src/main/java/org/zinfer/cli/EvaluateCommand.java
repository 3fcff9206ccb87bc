package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.evaluation.EvaluationReport;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
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
        try (WindowDataset dataset = WindowDataset.open(data)) {
            if (dataset.factors().size() != model.factors().size()) {
                throw new InputException("dataset " + data + " has " + dataset.factors().size() + " label columns but model "
                        + model.metadata().name() + " has " + model.factors().size() + " outputs");
            }
            if (dataset.windowLength() != model.windowLength()) {
                throw new InputException("dataset " + data + " holds windows of " + dataset.windowLength() + " nt; the model reads " + model.windowLength());
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new InputException("--out " + out + " exists and is not a directory");
            }
            WindowScorer scorer = modelOptions.scorer(model, System.err);
            float[] scores = DatasetScores.score(scorer, dataset, modelOptions.batch, new ProgressMeter(System.err, "windows", dataset.size(), 10));
            float[] labels = dataset.labels(0, Math.toIntExact(dataset.size()));
            FactorMetrics metrics = FactorMetrics.of(model.factors(), scores, labels);
            EvaluationReport.write(out, metrics, scores, labels, model.metadata().training(),
                    "model " + model.metadata().name() + " on " + data.getFileName() + " (" + dataset.size() + " windows)");
            System.out.print(EvaluationReport.tsv(metrics));
            System.err.printf("zinfer: %,d windows: mean ROC AUC %.4f, mean PR AUC %.4f; report in %s%n",
                    dataset.size(), metrics.meanRocAuc(), metrics.meanPrAuc(), out);
            return 0;
        }
    }
}
