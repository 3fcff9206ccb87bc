package org.zinfer.scoring.tools;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.evaluation.Baseline;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.evaluation.EvaluationReport;
import org.zinfer.scoring.evaluation.FactorMetrics;
import org.zinfer.scoring.evaluation.GcContent;
import org.zinfer.scoring.evaluation.MotifScan;
import org.zinfer.scoring.model.FactorModel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * zinfer evaluate: scores a labelled dataset with the model and with the baselines (G+C fraction; a PWM scan
 * for factors given a matrix) and writes metrics.tsv, metrics.json and the plots into a directory.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /**
     * Checks the dataset against the model, scores it, writes the report and returns the model's metrics.
     * motifs: a matrix for some of the model's factors (by factor name), for the PWM baseline.
     */
    public static FactorMetrics run(FactorModel model, Path data, Path out, WindowScorer scorer, int batchSize,
                                    Map<String, MotifMatrix> motifs, int threads, PrintStream log) {
        try (WindowDataset dataset = WindowDataset.open(data)) {
            check(model, dataset, data, out, motifs);
            float[] scores = DatasetScores.score(scorer, dataset, batchSize, new ProgressMeter(log, "windows", dataset.size(), 10));
            float[] labels = dataset.labels(0, Math.toIntExact(dataset.size()));
            FactorMetrics metrics = FactorMetrics.of(model.factors(), scores, labels);
            List<Baseline> baselines = new ArrayList<>();
            float[] gc = DatasetScores.score(new GcContent(dataset.windowLength(), threads), dataset, batchSize, ProgressMeter.silent());
            baselines.add(new Baseline("gc", "G+C fraction of the window", FactorMetrics.of(model.factors(), columns(gc, model.factors().size()), labels)));
            if (!motifs.isEmpty()) {
                baselines.add(motifBaseline(model.factors(), motifs, dataset, labels, batchSize, threads, log));
            }
            EvaluationReport.write(out, metrics, baselines, scores, labels, model.metadata().training(),
                    "model " + model.metadata().name() + " on " + data.getFileName() + " (" + dataset.size() + " windows)");
            log.printf("zinfer: %,d windows: mean ROC AUC %.4f, mean PR AUC %.4f; %s; report in %s%n",
                    dataset.size(), metrics.meanRocAuc(), metrics.meanPrAuc(), beside(baselines), out);
            return metrics;
        }
    }

    private static void check(FactorModel model, WindowDataset dataset, Path data, Path out, Map<String, MotifMatrix> motifs) {
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
        for (String factor : motifs.keySet()) {
            if (!model.factors().contains(factor)) {
                throw new InputException("--baseline-motifs names factor '" + factor + "', which model " + model.metadata().name()
                        + " does not have (it has " + String.join(", ", model.factors()) + ")");
            }
        }
    }

    /** The PWM scan's metrics for the factors with a matrix, NaN for the others. */
    private static Baseline motifBaseline(List<String> factors, Map<String, MotifMatrix> motifs, WindowDataset dataset, float[] labels,
                                          int batchSize, int threads, PrintStream log) {
        List<String> scanned = factors.stream().filter(motifs::containsKey).toList();
        MotifScan scan = new MotifScan(scanned.stream().map(motifs::get).toList(), dataset.windowLength(), threads);
        float[] pwm = DatasetScores.score(scan, dataset, batchSize, new ProgressMeter(log, "windows (PWM scan)", dataset.size(), 10));
        int k = factors.size();
        int n = labels.length / k;
        float[] all = new float[n * k];
        java.util.Arrays.fill(all, Float.NaN);
        for (int m = 0; m < scanned.size(); m++) {
            int f = factors.indexOf(scanned.get(m));
            for (int i = 0; i < n; i++) {
                all[i * k + f] = pwm[i * scanned.size() + m];
            }
        }
        String matrices = scanned.stream().map(f -> f + "=" + motifs.get(f).id()).collect(Collectors.joining(","));
        return new Baseline("pwm", "max log-odds PWM scan, both strands: " + matrices, FactorMetrics.of(factors, all, labels));
    }

    /** A score per window repeated for each of k factors. */
    private static float[] columns(float[] perWindow, int k) {
        float[] result = new float[perWindow.length * k];
        for (int i = 0; i < perWindow.length; i++) {
            java.util.Arrays.fill(result, i * k, (i + 1) * k, perWindow[i]);
        }
        return result;
    }

    private static String beside(List<Baseline> baselines) {
        return baselines.stream().map(b -> String.format("%s %.4f / %.4f", b.name().equals("gc") ? "G+C" : "PWM",
                b.metrics().meanRocAuc(), b.metrics().meanPrAuc())).collect(Collectors.joining(", ", "baselines (ROC / PR AUC) ", ""));
    }
}
