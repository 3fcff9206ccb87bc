package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.evaluation.EvaluationReport;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.scoring.model.FactorModel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** zinfer evaluate: scores a labelled dataset and writes metrics.tsv, metrics.json and the plots into a directory. */
public final class Evaluation {
    private Evaluation() {
    }

    /** Checks the dataset against the model, scores it, writes the report and returns the metrics. */
    public static FactorMetrics run(FactorModel model, Path data, Path out, WindowScorer scorer, int batchSize, PrintStream log) {
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
            float[] scores = DatasetScores.score(scorer, dataset, batchSize, new ProgressMeter(log, "windows", dataset.size(), 10));
            float[] labels = dataset.labels(0, Math.toIntExact(dataset.size()));
            FactorMetrics metrics = FactorMetrics.of(model.factors(), scores, labels);
            EvaluationReport.write(out, metrics, scores, labels, model.metadata().training(),
                    "model " + model.metadata().name() + " on " + data.getFileName() + " (" + dataset.size() + " windows)");
            log.printf("zinfer: %,d windows: mean ROC AUC %.4f, mean PR AUC %.4f; report in %s%n",
                    dataset.size(), metrics.meanRocAuc(), metrics.meanPrAuc(), out);
            return metrics;
        }
    }
}
