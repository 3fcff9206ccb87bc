package org.zinfer.formats.track;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.Contig;
import org.zinfer.testing.BigWigReaders;
import org.zinfer.testing.BigWigReaders.Interval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes bigWigs that stress the format (300 contigs so the name tree has two levels, a contig with enough
 * blocks for a two-level R-tree, contig lengths that no zoom bin divides, gaps, intervals clipped at contig
 * ends) and checks what two independent readers see against values and zoom summaries computed here.
 */
class BigWigWriterTest {
    @TempDir
    static Path dir;
    static Path file;
    static List<Contig> contigs = new ArrayList<>();
    static List<Interval> written = new ArrayList<>();

    @BeforeAll
    static void write() {
        Random random = new Random(7);
        contigs.add(new Contig("chr2", 3_000_007));
        contigs.add(new Contig("chr10", 12_345));
        contigs.add(new Contig("chr1", 999_999));
        for (int i = 0; i < 297; i++) {
            contigs.add(new Contig("scaffold_" + (1000 - i) + "_x", 5_000 + i));
        }
        file = dir.resolve("test.bw");
        try (BigWigWriter writer = new BigWigWriter(file, contigs, 10)) {
            for (Contig contig : contigs) {
                int step = contig.name().equals("chr2") ? 10 : 50;
                for (int start = 475; start < contig.length(); start += step) {
                    if (random.nextInt(100) < 3) {
                        start += step * random.nextInt(40); // a gap, as N-skipped windows leave
                        continue;
                    }
                    float value = random.nextFloat();
                    int end = Math.min(start + step, contig.length());
                    writer.add(contig.name(), start, start + step, value);
                    written.add(new Interval(contig.name(), start, end, value));
                }
            }
            writer.commit();
        }
    }

    @Test
    void bothReadersSeeEveryIntervalExactly() {
        assertIntervals(BigWigReaders.intervals(BigWigReaders.pyBigWig(file)));
        assertIntervals(BigWigReaders.intervals(BigWigReaders.bbi(file)));
    }

    private void assertIntervals(List<Interval> read) {
        assertEquals(written.size(), read.size(), "interval count");
        Iterator<Interval> expected = sortedByName(written).iterator();
        for (Interval actual : sortedByName(read)) {
            Interval e = expected.next();
            assertEquals(e.contig(), actual.contig());
            assertEquals(e.start(), actual.start(), () -> "start of " + e);
            assertEquals(e.end(), actual.end(), () -> "end of " + e);
            assertEquals((float) e.value(), (float) actual.value(), () -> "value of " + e);
        }
    }

    private static List<Interval> sortedByName(List<Interval> intervals) {
        List<String> order = contigs.stream().map(Contig::name).sorted().toList();
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> a.contig().equals(b.contig()) ? Integer.compare(a.start(), b.start())
                : Integer.compare(order.indexOf(a.contig()), order.indexOf(b.contig())));
        return sorted;
    }

    @Test
    void zoomLevelsHoldAlignedClippedSummaries() {
        JsonNode bbi = BigWigReaders.bbi(file);
        JsonNode levels = bbi.get("zoomLevels");
        assertTrue(levels.size() >= 3, "zoom levels written: " + levels);
        for (JsonNode level : levels) {
            int reduction = level.asInt();
            List<double[]> expected = expectedZoom(reduction);
            JsonNode records = bbi.get("zooms").get(String.valueOf(reduction));
            assertEquals(expected.size(), records.size(), "records at reduction " + reduction);
            // expected is in declaration order; compare by contig and start
            java.util.Map<String, double[]> byKey = new java.util.HashMap<>();
            for (double[] e : expected) {
                byKey.put((int) e[0] + ":" + (int) e[1], e);
            }
            for (JsonNode r : records) {
                int id = indexOf(r.get(0).asText());
                double[] e = byKey.get(id + ":" + r.get(1).asInt());
                assertTrue(e != null, "unexpected zoom record " + r);
                assertEquals(0, r.get(1).asInt() % reduction, "bin start is a multiple of the reduction");
                assertEquals((int) e[2], r.get(2).asInt(), "bin end, clipped at the contig end: " + r);
                assertEquals(e[3], r.get(3).asDouble(), 1e-6, "min " + r);
                assertEquals(e[4], r.get(4).asDouble(), 1e-6, "max " + r);
                assertEquals(e[5], r.get(5).asDouble(), 1e-4, "mean " + r);
            }
        }
    }

    /** Per bin with data: contig id, start, end, min, max, mean over covered bases. */
    private List<double[]> expectedZoom(int reduction) {
        java.util.Map<String, double[]> bins = new java.util.LinkedHashMap<>();
        for (Interval interval : written) {
            int id = indexOf(interval.contig());
            int length = contigs.get(id).length();
            for (int position = interval.start(); position < interval.end(); ) {
                int binStart = position - position % reduction;
                int stop = Math.min(interval.end(), binStart + reduction);
                double[] bin = bins.computeIfAbsent(id + ":" + binStart, k -> new double[] {id, binStart,
                        Math.min((long) binStart + reduction, length), Double.MAX_VALUE, -Double.MAX_VALUE, 0, 0});
                bin[3] = Math.min(bin[3], (float) interval.value());
                bin[4] = Math.max(bin[4], (float) interval.value());
                bin[5] += (float) interval.value() * (stop - position);
                bin[6] += stop - position;
                position = stop;
            }
        }
        List<double[]> result = new ArrayList<>();
        for (double[] bin : bins.values()) {
            result.add(new double[] {bin[0], bin[1], bin[2], bin[3], bin[4], bin[5] / bin[6]});
        }
        return result;
    }

    private static int indexOf(String name) {
        for (int i = 0; i < contigs.size(); i++) {
            if (contigs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no contig " + name);
    }

    @Test
    void headerAndTotalSummaryAgreeWithPyBigWig() {
        JsonNode py = BigWigReaders.pyBigWig(file);
        JsonNode bbi = BigWigReaders.bbi(file);
        JsonNode header = py.get("header");
        long bases = 0;
        double sum = 0;
        double sumSquares = 0;
        for (Interval i : written) {
            bases += i.end() - i.start();
            sum += (float) i.value() * (double) (i.end() - i.start());
            sumSquares += (double) (float) i.value() * (float) i.value() * (i.end() - i.start());
        }
        assertEquals(bbi.get("zoomLevels").size(), header.get("nLevels").asInt(), "header zoom count equals levels written");
        assertEquals(bases, header.get("nBasesCovered").asLong());
        JsonNode summary = bbi.get("totalSummary");
        assertEquals(bases, summary.get("basesCovered").asLong());
        assertEquals(written.stream().mapToDouble(i -> (float) i.value()).min().orElseThrow(), summary.get("scoreMin").asDouble(), 0);
        assertEquals(written.stream().mapToDouble(i -> (float) i.value()).max().orElseThrow(), summary.get("scoreMax").asDouble(), 0);
        assertEquals(sum, summary.get("scoreSum").asDouble(), 1e-9 * sum);
        assertEquals(sumSquares, summary.get("scoreSumSquares").asDouble(), 1e-9 * sumSquares);
        assertEquals(sum, header.get("sumData").asDouble(), 1e-6 * sum);
        assertEquals(sumSquares, header.get("sumSquared").asDouble(), 1e-6 * sumSquares);
        assertEquals(contigs.size(), py.get("chroms").size());
        for (Contig contig : contigs) {
            assertEquals(contig.length(), py.get("chroms").get(contig.name()).asInt());
        }
        // Whole-contig means from zoom levels agree with exact means from the data.
        py.get("means").fields().forEachRemaining(e -> {
            double zoomMean = e.getValue().get(0).asDouble();
            double exactMean = e.getValue().get(1).asDouble();
            assertEquals(exactMean, zoomMean, 1e-4, "mean of " + e.getKey());
        });
    }

    @Test
    void magicAtBothEnds() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(BigWigWriter.MAGIC, buffer.getInt(0));
        assertEquals(BigWigWriter.MAGIC, buffer.getInt(bytes.length - 4));
    }

    @Test
    void refusesUnorderedOrNonFiniteValuesAndLeavesNoFile(@TempDir Path out) throws IOException {
        Path target = out.resolve("bad.bw");
        try (BigWigWriter writer = new BigWigWriter(target, List.of(new Contig("a", 1000)), 50)) {
            writer.add("a", 100, 150, 1f);
            assertThrows(IllegalStateException.class, () -> writer.add("a", 120, 170, 1f));
            assertThrows(IllegalArgumentException.class, () -> writer.add("a", 200, 250, Float.NaN));
        }
        assertFalse(Files.exists(target));
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "temporary files are removed");
        }
    }
}
