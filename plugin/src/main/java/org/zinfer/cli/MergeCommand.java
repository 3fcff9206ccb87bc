package org.zinfer.cli;

import org.zinfer.scoring.tools.TrackMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Combine scans of non-overlapping regions (chunks, any order) into one set of tracks, as one scan of them all would write.")
final class MergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCAN_DIR", arity = "1..*", description = "Output directories of zinfer scan.")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory for the merged tracks.")
    Path out;

    @Override
    public Integer call() {
        long intervals = TrackMerge.merge(inputs, out);
        System.err.printf("zinfer: merged %d scans, %,d intervals per factor, into %s%n", inputs.size(), intervals, out);
        return 0;
    }
}
