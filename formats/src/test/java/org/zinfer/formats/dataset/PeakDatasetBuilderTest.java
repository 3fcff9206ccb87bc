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
                    new PeakDatasetBuilder.Settings(200, 100, 20, 0, 1, false, 1, IntervalIndex.read(blacklist, genome), test, null));
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

    /**
     * Peaks only in a G+C-rich half of the genome: negatives drawn as asked keep the genome's mixture, while
     * G+C-matched ones come from the G+C-rich half, about as many.
     */
    @Test
    void gcMatchedNegativesTakeThePositivesComposition() throws Exception {
        Random random = new Random(5);
        StringBuilder chr1 = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            boolean rich = i < 20_000;
            chr1.append(random.nextDouble() < (rich ? 0.7 : 0.3) ? (random.nextBoolean() ? 'G' : 'C') : (random.nextBoolean() ? 'A' : 'T'));
        }
        StringBuilder peaks = new StringBuilder();
        for (int start = 500; start < 19_000; start += 2000) {
            peaks.append("chr1\t").append(start).append('\t').append(start + 100).append('\n');
        }
        try (ReferenceGenome genome = ReferenceGenome.open(SyntheticGenome.write(dir.resolve("gc.fa"), Map.of("chr1", chr1.toString())))) {
            IntervalIndex index = IntervalIndex.read(Files.writeString(dir.resolve("gc.bed"), peaks), genome);
            double[] plain = negatives(genome, index, false);
            double[] matched = negatives(genome, index, true);
            assertTrue(plain[0] > 0.45 && plain[0] < 0.55, "drawn as asked: both halves, mean G+C " + plain[0]);
            assertTrue(matched[0] > 0.65, "G+C-matched: the rich half, mean G+C " + matched[0]);
            assertEquals(plain[1], matched[1], 0.25 * plain[1], "about as many negatives either way");
        }
    }

    /** Mean G+C and number of the negative windows kept (share 0.2). */
    private double[] negatives(ReferenceGenome genome, IntervalIndex peaks, boolean gcMatched) {
        PeakDatasetBuilder builder = new PeakDatasetBuilder(genome, List.of("F"), List.of(peaks),
                new PeakDatasetBuilder.Settings(200, 20, 50, 0, 0.2, gcMatched, 3, null, null, null));
        Path file = dir.resolve("gc-" + gcMatched + ".h5");
        try (WindowDatasetWriter writer = new WindowDatasetWriter(file, List.of("F"), 200)) {
            PeakDatasetBuilder.Built built = builder.build(List.of(Region.whole(genome.contig("chr1"))), Map.of(PeakDatasetBuilder.TRAIN, writer), n -> { });
            assertEquals(gcMatched ? 1 : 0, built.meanGc().size());
            writer.commit("");
        }
        double gc = 0;
        int count = 0;
        try (WindowDataset dataset = WindowDataset.open(file)) {
            WindowBatch batch = dataset.read(0, (int) dataset.size());
            for (int w = 0; w < batch.count(); w++) {
                if (batch.label(w, 0) == 0) {
                    double sum = 0;
                    for (int i = 0; i < 200; i++) {
                        sum += batch.data()[(w * 4 + 1) * 200 + i] + batch.data()[(w * 4 + 2) * 200 + i];
                    }
                    gc += sum / 200;
                    count++;
                }
            }
        }
        return new double[] {gc / count, count};
    }
}
