package org.zinfer.scoring.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes an evaluation: metrics.tsv and metrics.json (per-factor ROC AUC and PR AUC, their means, and the
 * same for each baseline on the same windows), thresholds.tsv (per-factor cutoffs for a target precision),
 * roc.png, pr.png and, when the model was trained by epochs, training.png (loss and validation AUC per epoch).
 */
public final class EvaluationReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvaluationReport() {
    }

    public static void write(Path dir, FactorMetrics metrics, List<Baseline> baselines, float[] scores, float[] labels, String trainingRecord,
                             String about) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        AtomicOutput.writeString(dir.resolve("metrics.tsv"), tsv(metrics, baselines));
        AtomicOutput.writeString(dir.resolve("metrics.json"), json(metrics, baselines, about));
        int k = metrics.factors().size();
        AtomicOutput.writeString(dir.resolve("thresholds.tsv"), thresholds(metrics.factors(), scores, labels));
        LineChart roc = new LineChart("ROC, mean AUC " + format(metrics.meanRocAuc()), "false positive rate", "true positive rate",
                new double[] {0, 1}, new double[] {0, 1}).withDiagonal();
        LineChart pr = new LineChart("Precision-recall, mean AUC " + format(metrics.meanPrAuc()), "recall", "precision",
                new double[] {0, 1}, new double[] {0, 1});
        for (int f = 0; f < k; f++) {
            if (!Double.isNaN(metrics.rocAuc()[f])) {
                roc.add(metrics.factors().get(f) + " " + format(metrics.rocAuc()[f]), FactorMetrics.rocCurve(scores, labels, k, f));
                pr.add(metrics.factors().get(f) + " " + format(metrics.prAuc()[f]), FactorMetrics.prCurve(scores, labels, k, f));
            }
        }
        writePng(dir.resolve("roc.png"), roc);
        writePng(dir.resolve("pr.png"), pr);
        JsonNode epochs = trainingRecord == null ? JSON.missingNode() : epochs(trainingRecord);
        if (!epochs.isEmpty()) {
            writePng(dir.resolve("training.png"), trainingChart(epochs));
        }
    }

    /** Per factor and for the means: the model's ROC AUC and PR AUC, then each baseline's (NAME_roc_auc, NAME_pr_auc). */
    public static String tsv(FactorMetrics metrics, List<Baseline> baselines) {
        StringBuilder out = new StringBuilder("factor\twindows\tpositives\troc_auc\tpr_auc");
        baselines.forEach(b -> out.append('\t').append(b.name()).append("_roc_auc\t").append(b.name()).append("_pr_auc"));
        out.append('\n');
        for (int f = 0; f < metrics.factors().size(); f++) {
            out.append(metrics.factors().get(f)).append('\t').append(metrics.windows()).append('\t').append(metrics.positives()[f])
                    .append('\t').append(format(metrics.rocAuc()[f])).append('\t').append(format(metrics.prAuc()[f]));
            for (Baseline b : baselines) {
                out.append('\t').append(format(b.metrics().rocAuc()[f])).append('\t').append(format(b.metrics().prAuc()[f]));
            }
            out.append('\n');
        }
        long positives = Arrays.stream(metrics.positives()).sum();
        out.append("mean\t").append(metrics.windows()).append('\t').append(positives).append('\t')
                .append(format(metrics.meanRocAuc())).append('\t').append(format(metrics.meanPrAuc()));
        for (Baseline b : baselines) {
            out.append('\t').append(format(b.metrics().meanRocAuc())).append('\t').append(format(b.metrics().meanPrAuc()));
        }
        out.append('\n');
        return out.toString();
    }

    /**
     * Per factor, for target precisions 0.5 and 0.9: the lowest score threshold whose windows reach that precision
     * on these windows, and the recall there (NA when none does): a cutoff for scan --bed-threshold, as maxATAC
     * ships per factor. Valid for windows like these (their share of positives sets what a precision means).
     */
    static String thresholds(List<String> factors, float[] scores, float[] labels) {
        StringBuilder out = new StringBuilder("factor	threshold_precision_0.5	recall_precision_0.5	threshold_precision_0.9	recall_precision_0.9\n");
        int k = factors.size();
        int n = labels.length / k;
        for (int f = 0; f < k; f++) {
            out.append(factors.get(f));
            for (double target : new double[] {0.5, 0.9}) {
                PrecisionRecall.Cutoff cutoff = PrecisionRecall.atPrecision(FactorMetrics.column(scores, n, k, f),
                        FactorMetrics.positives(labels, n, k, f), target);
                out.append('\t').append(cutoff == null ? "NA" : String.format(Locale.ROOT, "%.6g", cutoff.threshold()))
                        .append('\t').append(cutoff == null ? "NA" : format(cutoff.recall()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String json(FactorMetrics metrics, List<Baseline> baselines, String about) {
        ObjectNode root = JSON.createObjectNode();
        root.put("about", about);
        root.put("windows", metrics.windows());
        root.put("mean_roc_auc", metrics.meanRocAuc());
        root.put("mean_pr_auc", metrics.meanPrAuc());
        ArrayNode factors = root.putArray("factors");
        for (int f = 0; f < metrics.factors().size(); f++) {
            ObjectNode factor = factors.addObject();
            factor.put("factor", metrics.factors().get(f));
            factor.put("positives", metrics.positives()[f]);
            factor.put("roc_auc", metrics.rocAuc()[f]);
            factor.put("pr_auc", metrics.prAuc()[f]);
            for (Baseline b : baselines) {
                factor.put(b.name() + "_roc_auc", b.metrics().rocAuc()[f]);
                factor.put(b.name() + "_pr_auc", b.metrics().prAuc()[f]);
            }
        }
        ObjectNode described = root.putObject("baselines");
        for (Baseline b : baselines) {
            ObjectNode baseline = described.putObject(b.name());
            baseline.put("description", b.description());
            baseline.put("mean_roc_auc", b.metrics().meanRocAuc());
            baseline.put("mean_pr_auc", b.metrics().meanPrAuc());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The epochs of a training record; none for a frozen trunk's head, which is fitted exactly. */
    private static JsonNode epochs(String trainingRecord) {
        try {
            return JSON.readTree(trainingRecord).path("epochs");
        } catch (IOException e) {
            throw new UncheckedIOException("the model's training record is not JSON", e);
        }
    }

    private static LineChart trainingChart(JsonNode epochs) {
        List<double[]> loss = new ArrayList<>();
        List<double[]> validationLoss = new ArrayList<>();
        List<double[]> auc = new ArrayList<>();
        double top = 0;
        for (JsonNode epoch : epochs) {
            double x = epoch.path("epoch").asDouble() + 1;
            loss.add(new double[] {x, epoch.path("loss").asDouble()});
            validationLoss.add(new double[] {x, epoch.path("validationLoss").asDouble()});
            auc.add(new double[] {x, epoch.path("validationAuc").asDouble()});
            top = Math.max(top, Math.max(epoch.path("loss").asDouble(), epoch.path("validationLoss").asDouble()));
        }
        return new LineChart("Training: loss and validation AUC per epoch", "epoch", "loss / AUC",
                new double[] {1, Math.max(2, epochs.size())}, new double[] {0, Math.max(1, Math.ceil(top * 10) / 10)})
                .add("training loss", loss.toArray(new double[0][]))
                .add("validation loss", validationLoss.toArray(new double[0][]))
                .addDashed("validation ROC AUC", auc.toArray(new double[0][]));
    }

    private static void writePng(Path file, LineChart chart) {
        try (AtomicOutput output = new AtomicOutput(file)) {
            chart.write(output.temporary());
            output.commit();
        }
    }

    static String format(double value) {
        return Double.isNaN(value) ? "NA" : String.format(Locale.ROOT, "%.4f", value);
    }
}
