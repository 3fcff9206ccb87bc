package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.tools.GenomeScan;
import org.zinfer.scoring.model.FactorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan a genome with a model and write per-factor tracks: FACTOR.bw, FACTOR.bedGraph.gz (+ .tbi)"
                + " and, with --bed-threshold, FACTOR.bed.",
                "Windows start at region start + k*step and lie fully inside the contig; the score of window [s, s+L)"
                        + " covers [s+L/2-step/2, s+L/2-step/2+step).",
                "A scan that was killed resumes when run again with the same arguments; its scores so far wait in"
                        + " DIR/.zinfer-scan.resume (4 bytes per factor and window) until the tracks are written."})
final class ScanCommand implements Callable<Integer> {
    @Mixin
    ModelOptions model;

    @Mixin
    StrandOptions strands;

    @Mixin
    ShiftOptions shifts;

    @Mixin
    GenomeOptions genome;

    @Option(names = "--step", defaultValue = "50", paramLabel = "NT", description = "Distance between window starts (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--max-n", defaultValue = "0.5", paramLabel = "FRACTION",
            description = "Skip windows with more than this fraction of bases other than A, C, G, T (default: ${DEFAULT-VALUE}).")
    double maxN;

    @Option(names = "--bed-threshold", paramLabel = "SCORE", description = "Also write FACTOR.bed of windows scoring at least this.")
    Float threshold;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for the track files.")
    Path out;

    @Option(names = "--restart", description = "Discard the scan DIR holds (finished, or unfinished after a kill) and scan anew;"
            + " without it an unfinished scan of the same arguments resumes where it stopped.")
    boolean restart;

    @Override
    public Integer call() {
        if (maxN < 0 || maxN > 1) {
            throw new InputException("--max-n must be a fraction from 0 to 1, not " + maxN);
        }
        FactorModel loaded = model.load(System.err);
        GenomeScan.Options options = new GenomeScan.Options(genome.fasta, genome.regions(), step, maxN, out, threshold, model.batch(), restart,
                strands.reverseComplement, shifts.shifts);
        GenomeScan.Summary summary = GenomeScan.run(loaded, options, model.scorer(loaded, shifts.shifts, System.err), System.err);
        String resumed = summary.resumed() > 0 ? String.format(", %,d more resumed from an earlier run", summary.resumed()) : "";
        System.err.printf("zinfer: scored %,d windows%s (%,d skipped as mostly N) in %.1f s, %,.0f windows/s; tracks in %s%n",
                summary.windows(), resumed, summary.skipped(), summary.seconds(), summary.windowsPerSecond(), out);
        return 0;
    }
}
