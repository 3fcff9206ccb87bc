package org.zinfer.cli;

import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.tools.SiteCalling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call binding sites from a finished scan as OUT/FACTOR.narrowPeak.gz (+ .tbi) at a false discovery rate.",
                "Each window's p-value comes from the model's calibration (zinfer calibrate), Benjamini-Hochberg q-values from all the scan's",
                "windows of a factor; overlapping passing windows merge into a site, its summit at its best window's centre."})
final class CallCommand implements Callable<Integer> {
    @Option(names = "--scan", required = true, paramLabel = "DIR", description = "Output directory of zinfer scan or merge.")
    Path scan;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "The calibrated bundle of the model the scan used (zinfer calibrate).")
    Path model;

    @Option(names = "--fdr", defaultValue = "0.05", paramLabel = "Q", description = "False discovery rate of the windows called (default: ${DEFAULT-VALUE}).")
    double fdr;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for FACTOR.narrowPeak.gz and .tbi.")
    Path out;

    @Override
    public Integer call() {
        List<SiteCalling.Called> called = SiteCalling.run(scan, ModelLoader.loadOrDefault(model), fdr, out, System.err);
        System.err.printf("zinfer: %,d sites of %d factors in %s%n", called.stream().mapToLong(SiteCalling.Called::sites).sum(), called.size(), out);
        return 0;
    }
}
