package org.zinfer.formats.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.IntervalIndex;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.formats.genome.Region;
import org.zinfer.testing.SyntheticGenome;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakDatasetBuilderTest {
    @TempDir
    Path dir;

    @Test
    void labelsTheCentralBinSplitsByRegionAndDropsBlacklistedAndStraddlingWindows() throws Exception {
        Map<String, String> contigs = new LinkedHashMap<>();
        contigs.put("chr1", SyntheticGenome.random(new Random(1), 10_000));
        contigs.put("chr2", SyntheticGenome.random(new Random(2), 3_000));
        try (ReferenceGenome genome = ReferenceGenome.open(SyntheticGenome.write(dir.resolve("g.fa"), contigs))) {
            // peaks named without "chr", as Ensembl names them; one on a contig the genome lacks
            Path peaks = Files.writeString(dir.resolve("p.bed"), "1\t1000\t1010\tpeak\n1\t5000\t5100\n3\t10\t20\n");
            Path blacklist = Files.writeString(dir.resolve("b.bed"), "chr1\t8000\t8001\n");
            IntervalIndex peakIndex = IntervalIndex.read(peaks, genome);
            assertEquals(1, peakIndex.elsewhere());
            IntervalIndex test = IntervalIndex.of(List.of(new Region("chr2", 0, 3000)), genome, "test");
            PeakDatasetBuilder builder = new PeakDatasetBuilder(genome, List.of("F"), List.of(peakIndex),
                    new PeakDatasetBuilder.Settings(200, 100, 20, 0, 1, 1, IntervalIndex.read(blacklist, genome), test, null));
            assertEquals(List.of(PeakDatasetBuilder.TRAIN, PeakDatasetBuilder.TEST), builder.splits());
            Map<String, WindowDatasetWriter> splits = new LinkedHashMap<>();
            for (String split : builder.splits()) {
                splits.put(split, new WindowDatasetWriter(dir.resolve(split + ".h5"), List.of("F"), 200));
            }
            PeakDatasetBuilder.Built built = builder.build(List.of(Region.whole(genome.contig("chr1")), Region.whole(genome.contig("chr2"))), splits, n -> { });
            splits.values().forEach(WindowDatasetWriter::close);
            // chr1: starts 0..9800 by 100 = 99 windows, of which [7900,8100) and [8000,8200) touch the blacklist; chr2: 29 windows
            assertEquals(29, splits.get(PeakDatasetBuilder.TEST).size());
            assertEquals(2, built.blacklisted());
            assertEquals(99 - 2, splits.get(PeakDatasetBuilder.TRAIN).size());
            // central bin [start+90, start+110) overlaps [1000,1010) for start 900 only; [5000,5100) for starts 4900..5000
            assertEquals(1 + 2, splits.get(PeakDatasetBuilder.TRAIN).positives()[0]);
            assertEquals(0, splits.get(PeakDatasetBuilder.TEST).positives()[0]);
        }
    }
}
