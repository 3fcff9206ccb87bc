package org.zinfer.cli;

import org.zinfer.formats.genome.BedRegions;
import org.zinfer.formats.genome.Region;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where in the genome a command works: --region (repeatable) or --regions BED; every contig whole by default. */
final class RegionOptions {
    @ArgGroup(exclusive = true)
    Where where;

    static final class Where {
        @Option(names = {"-r", "--region"}, paramLabel = "CONTIG[:START-END]",
                description = "Region, 1-based inclusive (repeat for more); default: every contig whole.")
        List<String> regions;

        @Option(names = "--regions", paramLabel = "BED", description = "BED file of regions.")
        Path bed;
    }

    List<Region> regions() {
        List<Region> regions = new ArrayList<>();
        if (where != null && where.bed != null) {
            regions.addAll(BedRegions.read(where.bed));
        } else if (where != null) {
            for (String text : where.regions) {
                regions.add(Region.parse(text));
            }
        }
        return regions;
    }
}
