package org.zinfer.cli;

import org.zinfer.formats.genome.Region;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The genome a command walks and where in it: the indexed FASTA and its regions. */
final class GenomeOptions {
    @Option(names = {"-f", "--fasta"}, required = true, paramLabel = "FILE",
            description = "Indexed genome FASTA (.fai; bgzip also needs .gzi).")
    Path fasta;

    @Mixin
    RegionOptions where;

    List<Region> regions() {
        return where.regions();
    }
}
