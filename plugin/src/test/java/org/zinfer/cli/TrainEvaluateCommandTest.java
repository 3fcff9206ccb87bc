package org.zinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** simulate → train → evaluate through the command line: the report's numbers agree with each other and the plots are PNG. */
class TrainEvaluateCommandTest {
    @TempDir
    Path dir;

    /** A certain motif (palindromic, so either strand reads the same: see TrainingRunTest) in TRANSFAC. */
    private static String transfac(String name, String consensus) {
        StringBuilder out = new StringBuilder("AC " + name + "\nID " + name + "\nP0 A C G T\n");
        for (int i = 0; i < consensus.length(); i++) {
            int base = "ACGT".indexOf(consensus.charAt(i));
            out.append(String.format("%02d %d %d %d %d%n", i + 1, base == 0 ? 1 : 0, base == 1 ? 1 : 0, base == 2 ? 1 : 0, base == 3 ? 1 : 0));
        }
        return out.append("//\n").toString();
    }

    @Test
    void trainsAndReportsPerFactorMetricsWithPlots() throws Exception {
        Path motifs = Files.writeString(dir.resolve("m.transfac"), transfac("PALA", "GATTACATGTAATC") + transfac("PALB", "CCGCTTAAGCGG"));
        for (String[] set : new String[][] {{"train.h5", "2200", "1"}, {"test.h5", "400", "2"}}) {
            CommandRunner.Outcome sim = CommandRunner.run("simulate", "--motifs", motifs.toString(), "--length", "200", "-n", set[1],
                    "--presence", "0.5", "--gc", "0.5", "--seed", set[2], "-o", dir.resolve(set[0]).toString());
            assertEquals(0, sim.exitCode(), sim.stderr());
        }
        Path model = dir.resolve("m.zinfer");
        CommandRunner.Outcome train = CommandRunner.run("train", "--train", dir.resolve("train.h5").toString(), "-o", model.toString(),
                "--architecture", "cnn", "--filters", "8,8", "--kernels", "6,3", "--dense", "8", "--dropout", "0",
                "--epochs", "10", "--patience", "10", "--batch", "50", "--learning-rate", "0.01", "--beta1", "0.9", "--validation-fraction", "0.1");
        assertEquals(0, train.exitCode(), train.stderr());
        Path report = dir.resolve("report");
        CommandRunner.Outcome evaluate = CommandRunner.run("evaluate", "-m", model.toString(), "--data", dir.resolve("test.h5").toString(), "-o", report.toString(),
                "--baseline-motifs", "PALA=PALA", "--baseline-motif-file", motifs.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.stderr());

        List<String> rows = Files.readAllLines(report.resolve("metrics.tsv"));
        assertEquals("factor\twindows\tpositives\troc_auc\tpr_auc\tgc_roc_auc\tgc_pr_auc\tpwm_roc_auc\tpwm_pr_auc", rows.get(0));
        assertEquals(evaluate.stdout().strip(), String.join("\n", rows).strip());
        JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        double a = json.get("factors").get(0).get("roc_auc").asDouble();
        double b = json.get("factors").get(1).get("roc_auc").asDouble();
        assertEquals((a + b) / 2, json.get("mean_roc_auc").asDouble(), 1e-12);
        assertTrue(Math.max(a, b) > 0.95, "a trained factor is recognised: " + rows + train.stderr());
        assertTrue(rows.get(1).startsWith("PALA\t400\t"), rows.get(1));
        // baselines on the same windows: the certain motif's own PWM finds every implanted PALA; PALB has no matrix
        JsonNode pala = json.get("factors").get(0);
        assertTrue(pala.get("pwm_roc_auc").asDouble() > 0.99, rows.get(1));
        assertEquals("NA", rows.get(2).split("\t")[7], rows.get(2));
        assertEquals(pala.get("pwm_roc_auc").asDouble(), json.get("baselines").get("pwm").get("mean_roc_auc").asDouble(), 1e-12);
        // the G+C baseline as numpy computes it from the file
        TestEnvironment.requirePythonModules("numpy", "h5py");
        String[] gc = TestEnvironment.run(TestEnvironment.python(TestEnvironment.root().resolve("test-support/python/gc_auc.py").toString(),
                dir.resolve("test.h5").toString())).strip().split("\t");
        for (int f = 0; f < 2; f++) {
            assertEquals(Double.parseDouble(gc[f]), json.get("factors").get(f).get("gc_roc_auc").asDouble(), 1e-9, "G+C ROC AUC of factor " + f);
        }
        assertTrue(evaluate.stderr().contains("baselines (ROC / PR AUC) G+C "), evaluate.stderr());
        List<String> thresholds = Files.readAllLines(report.resolve("thresholds.tsv"));
        assertEquals(3, thresholds.size(), "a header and a row per factor: " + thresholds);
        String[] cutoff = thresholds.get(a > b ? 1 : 2).split("\t");
        double threshold = Double.parseDouble(cutoff[3]);
        assertTrue(threshold > 0 && threshold < 1 && Double.parseDouble(cutoff[4]) > 0.5,
                "the trained factor reaches precision 0.9 with most of its positives: " + thresholds);
        for (String png : List.of("roc.png", "pr.png", "training.png")) {
            BufferedImage image = ImageIO.read(report.resolve(png).toFile());
            assertEquals(720, image.getWidth(), png);
        }
    }
}
