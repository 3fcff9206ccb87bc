package org.zinfer.cli;

import org.zinfer.scoring.tools.DatasetBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Build train/validation/test HDF5 datasets from a genome and one peak file per factor.",
                "Windows are tiled at --step; a window is positive for a factor when its central --bin overlaps a peak.",
                "Writes PREFIX.train.h5 (+ .validation.h5, .test.h5) and PREFIX.summary.tsv."})
final class DatasetCommand implements Callable<Integer> {
    @Option(names = {"-g", "--genome"}, required = true, paramLabel = "FASTA", description = "Indexed genome FASTA (plain or bgzip).")
    Path genomeFile;

    @Option(names = "--peaks", required = true, split = ",", paramLabel = "[NAME=]FILE",
            description = "Peaks of one factor (BED or narrowPeak, gz ok); NAME defaults to the file name. Repeat for each factor.")
    List<String> peaks;

    @Option(names = {"-o", "--output-prefix"}, required = true, paramLabel = "PREFIX", description = "Output prefix, e.g. out/chr22.")
    String prefix;

    @Option(names = "--regions", paramLabel = "BED", description = "Tile only these regions (default: every contig).")
    Path regions;

    @Option(names = "--test-contigs", split = ",", paramLabel = "NAME", description = "Contigs held out as the test split.")
    List<String> testContigs;

    @Option(names = "--test-regions", paramLabel = "BED", description = "Regions held out as the test split.")
    Path testRegions;

    @Option(names = "--validation-contigs", split = ",", paramLabel = "NAME", description = "Contigs held out for validation.")
    List<String> validationContigs;

    @Option(names = "--validation-regions", paramLabel = "BED", description = "Regions held out for validation.")
    Path validationRegions;

    @Option(names = "--blacklist", paramLabel = "BED", description = "Drop windows overlapping these regions (e.g. the ENCODE blacklist).")
    Path blacklist;

    @Option(names = "--length", defaultValue = "1000", paramLabel = "NT", description = "Window length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--step", defaultValue = "50", paramLabel = "NT", description = "Distance between window starts (default: ${DEFAULT-VALUE}).")
    int step;

    @Option(names = "--bin", defaultValue = "50", paramLabel = "NT", description = "Central bin whose peak overlap is the label (default: ${DEFAULT-VALUE}).")
    int bin;

    @Option(names = "--max-n", defaultValue = "0", paramLabel = "FRACTION", description = "Drop windows with more than this fraction of N (default: ${DEFAULT-VALUE}).")
    double maxN;

    @Option(names = "--negatives", defaultValue = "1", paramLabel = "FRACTION",
            description = "Share of windows positive for no factor to keep in train and validation; test keeps all (default: ${DEFAULT-VALUE}).")
    double negatives;

    @Option(names = "--gc-matched-negatives",
            description = "Keep negatives (in train and validation, --negatives of them) so that their G+C distribution matches the positives' (a first pass counts windows by G+C).")
    boolean gcMatched;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for down-sampling negatives (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        DatasetBuild.Options options = new DatasetBuild.Options(genomeFile, peaks, prefix, regions, testContigs, testRegions,
                validationContigs, validationRegions, blacklist, length, step, bin, maxN, negatives, gcMatched, seed);
        String summary = DatasetBuild.run(options, System.err);
        System.err.print(summary.lines().map(l -> "zinfer: " + l + "\n").reduce("", String::concat));
        return 0;
    }
}
