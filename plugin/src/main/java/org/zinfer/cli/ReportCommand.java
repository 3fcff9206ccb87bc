package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.tools.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page with an igv.js browser over a scan: per factor the probability track"
                + " and, when given, the called sites and the contributions, for given regions or the best called sites;"
                + " and the learned-motif logos.",
                "Only the regions' data is embedded, so the page opens from file:// with no network."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--scan", required = true, paramLabel = "DIR", description = "A zinfer scan's output directory.")
    Path scan;

    @Mixin
    RegionOptions where;

    @Option(names = "--factor", paramLabel = "NAME", description = "Show this factor (repeat for more; default: every factor of the scan).")
    List<String> factors = new ArrayList<>();

    @Option(names = "--calls", paramLabel = "DIR", description = "zinfer call's output: the sites track, and the regions when none are given.")
    Path calls;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N",
            description = "Without regions: this many of the best called sites (by probability) (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--flank", defaultValue = "500", paramLabel = "NT",
            description = "Without regions: show each site's summit and this many bases either side (default: ${DEFAULT-VALUE}).")
    int flank;

    @Option(names = "--contributions", paramLabel = "DIR", description = "zinfer explain's output over the same regions: contribution tracks.")
    Path contributions;

    @Option(names = "--motifs", paramLabel = "DIR", description = "zinfer motifs' output: the learned-motif logos.")
    Path motifs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    Path output;

    @Override
    public Integer call() {
        if (top < 1 || flank < 1) {
            throw new InputException("--top and --flank must be at least 1");
        }
        Report.run(new Report.Options(scan, where.regions(), factors, calls, top, flank, contributions, motifs, output), System.err);
        return 0;
    }
}
