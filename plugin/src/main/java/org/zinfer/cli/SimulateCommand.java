package org.zinfer.cli;

import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDatasetWriter;
import org.zinfer.formats.genome.Contig;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.simulation.Background;
import org.zinfer.scoring.simulation.GenomeBackground;
import org.zinfer.scoring.simulation.GenomeSimulator;
import org.zinfer.scoring.simulation.MotifSelection;
import org.zinfer.scoring.simulation.SimulatedGenomeWriter;
import org.zinfer.scoring.simulation.WindowSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate training windows (HDF5) with motif instances implanted, or (--genome-contigs) a demo genome (FASTA + sites BED).",
                "Motif instances are sampled from the position frequency matrices, on either strand; labels say which factors were implanted."})
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--motifs", required = true, paramLabel = "FILE", description = "Motif matrices in TRANSFAC format (JASPAR exports).")
    Path motifs;

    @Option(names = "--factor", split = ",", paramLabel = "ID", description = "Motifs to use, by id (MA0035.4) or name (GATA1); repeat or comma-separate (default: all in the file).")
    List<String> factors;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Output: dataset .h5, or genome .fa with --genome-contigs.")
    Path output;

    @Option(names = {"-n", "--windows"}, defaultValue = "10000", paramLabel = "N", description = "Windows to simulate (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--length", defaultValue = "1000", paramLabel = "NT", description = "Window length (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--gc", defaultValue = "0.41", paramLabel = "FRACTION", description = "G+C content of i.i.d. background (default: ${DEFAULT-VALUE}, the human genome's).")
    double gc;

    @Option(names = "--background", paramLabel = "FASTA", description = "Draw background windows from this indexed genome instead of i.i.d. bases.")
    Path background;

    @Option(names = "--presence", paramLabel = "P", description = "Chance that a factor is implanted in a window (default: 0.5 for one factor, 3/K for K factors).")
    Double presence;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "MIN[-MAX]", description = "Instances of a present factor per window, e.g. 1 or 1-3 (default: ${DEFAULT-VALUE}).")
    String instances;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed; the same seed and flags give the same file (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--genome-contigs", split = ",", paramLabel = "NAME:LENGTH", description = "Write a genome of these contigs instead of windows, e.g. chrSim1:200000,chrSim2:100000.")
    List<String> genomeContigs;

    @Option(names = "--site-spacing", defaultValue = "2000", paramLabel = "NT", description = "Genome mode: one implanted site per this many bases (default: ${DEFAULT-VALUE}).")
    int siteSpacing;

    @Override
    public Integer call() {
        List<MotifMatrix> chosen = MotifSelection.select(TransfacReader.read(motifs), factors, motifs);
        try (ReferenceGenome genome = background == null ? null : ReferenceGenome.open(background)) {
            Background source = Flags.check(() -> genome == null ? Background.iid(gc) : new GenomeBackground(genome, length));
            if (genomeContigs != null) {
                return simulateGenome(chosen, source);
            }
            int[] range = instanceRange();
            WindowSimulator simulator = Flags.check(() -> new WindowSimulator(chosen, source, new WindowSimulator.Settings(windows, length,
                    presence != null ? presence : WindowSimulator.Settings.defaultPresence(chosen.size()), range[0], range[1], seed)));
            long[] positives;
            try (WindowDatasetWriter writer = new WindowDatasetWriter(output, chosen.stream().map(MotifMatrix::name).toList(), length)) {
                simulator.simulate(writer, new ProgressMeter(System.err, "windows", windows, 10));
                writer.commit(simulator.provenance(motifs.getFileName().toString()));
                positives = writer.positives();
            }
            System.err.printf("zinfer: wrote %,d windows of %d nt, %d factor(s), to %s; positive windows per factor %,d to %,d%n",
                    windows, length, chosen.size(), output, Arrays.stream(positives).min().orElse(0), Arrays.stream(positives).max().orElse(0));
            return 0;
        }
    }

    private int simulateGenome(List<MotifMatrix> chosen, Background source) {
        GenomeSimulator simulator = Flags.check(() -> new GenomeSimulator(chosen, source, siteSpacing));
        List<GenomeSimulator.SimulatedContig> contigs = new ArrayList<>();
        for (String spec : genomeContigs) {
            String[] parts = spec.split(":");
            if (parts.length != 2 || !parts[1].matches("\\d+")) {
                throw new InputException("--genome-contigs wants NAME:LENGTH, got '" + spec + "'");
            }
            contigs.add(simulator.contig(new Contig(parts[0], Integer.parseInt(parts[1])), seed));
        }
        Path bed = SimulatedGenomeWriter.write(contigs, chosen, output);
        System.err.printf("zinfer: wrote %d contigs to %s and %,d implanted sites to %s%n", contigs.size(), output,
                contigs.stream().mapToInt(c -> c.sites().size()).sum(), bed);
        return 0;
    }

    private int[] instanceRange() {
        if (!instances.matches("\\d+(-\\d+)?")) {
            throw new InputException("--instances wants a number or a range like 1-3, got '" + instances + "'");
        }
        String[] parts = instances.split("-");
        int min = Integer.parseInt(parts[0]);
        return new int[] {min, parts.length > 1 ? Integer.parseInt(parts[1]) : min};
    }
}
