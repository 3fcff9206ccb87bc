package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.simulation.MotifSelection;
import org.zinfer.scoring.tools.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a labelled HDF5 dataset with a model: per-factor ROC AUC and PR AUC and their means (as Keras' AUC(multi_label=True) averages),",
                "beside the same for baselines on the same windows: each window's G+C fraction, and a PWM scan for factors given a matrix (--baseline-motifs).",
                "Written as metrics.tsv and metrics.json with ROC and PR curves (PNG) and, for models trained by zinfer, a loss/AUC-per-epoch plot."})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ShiftOptions shifts;

    @Option(names = "--data", required = true, paramLabel = "H5", description = "Windows and labels to evaluate on.")
    Path data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for metrics and plots.")
    Path out;

    @Option(names = "--baseline-motifs", split = ",", paramLabel = "FACTOR=MOTIF",
            description = "Also score a PWM scan (best log-odds, both strands) for these factors, each with a matrix of --baseline-motif-file by id or name, e.g. CTCF=MA0139.2.")
    Map<String, String> baselineMotifs = new LinkedHashMap<>();

    @Option(names = "--baseline-motif-file", paramLabel = "TRANSFAC", description = "Motif matrices for --baseline-motifs (TRANSFAC, as JASPAR exports).")
    Path baselineMotifFile;

    @Override
    public Integer call() throws IOException {
        Map<String, MotifMatrix> motifs = motifs();
        FactorModel model = modelOptions.load(System.err);
        Evaluation.run(model, data, out, modelOptions.scorer(model, shifts.shifts, System.err), modelOptions.batch(), motifs,
                modelOptions.workers(), System.err);
        System.out.print(Files.readString(out.resolve("metrics.tsv")));
        return 0;
    }

    private Map<String, MotifMatrix> motifs() {
        if (baselineMotifs.isEmpty() != (baselineMotifFile == null)) {
            throw new InputException("--baseline-motifs and --baseline-motif-file go together");
        }
        Map<String, MotifMatrix> motifs = new LinkedHashMap<>();
        if (baselineMotifFile != null) {
            List<MotifMatrix> all = TransfacReader.read(baselineMotifFile);
            baselineMotifs.forEach((factor, key) -> motifs.put(factor, MotifSelection.select(all, List.of(key), baselineMotifFile).get(0)));
        }
        return motifs;
    }
}
