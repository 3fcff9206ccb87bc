package org.zinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.testing.BigWigReaders;
import org.zinfer.testing.BigWigReaders.Interval;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zinfer scan over real hg19 chr22 with the thesis' 8-factor model: the tracks that pyBigWig, @gmod/bbi and
 * tabix read back hold, window by window, what zinfer predict says for the same windows cut by hand.
 */
class ScanCommandTest {
    static final String REGION = "chr22:17000001-17060000";
    static final int FIRST = 17_000_000;
    static final int LAST_START = 17_059_950;
    @TempDir
    static Path dir;
    static Path out;
    static Map<Integer, double[]> predicted = new HashMap<>();
    static List<String> factors;

    @BeforeAll
    static void scanAndPredict() throws IOException {
        Path model = TestEnvironment.shared("thesis-models/multilabel_classification_convrnn_on_real_data.h5");
        Path fasta = TestEnvironment.shared("genome/hg19.chr22_1-22000000.fa.gz");
        out = dir.resolve("tracks");
        CommandRunner.Outcome scan = CommandRunner.run("scan", "-m", model.toString(), "-f", fasta.toString(),
                "--region", REGION, "--step", "50", "--bed-threshold", "0.9", "-o", out.toString());
        assertEquals(0, scan.exitCode(), scan.stderr());

        StringBuilder records = new StringBuilder();
        try (ReferenceGenome genome = ReferenceGenome.open(fasta)) {
            for (int start = FIRST; start <= LAST_START; start += 50) {
                records.append('>').append(start).append('\n')
                        .append(new String(genome.bases("chr22", start, start + 1000), StandardCharsets.US_ASCII)).append('\n');
            }
        }
        Path windows = Files.writeString(dir.resolve("windows.fa"), records);
        Path tsv = dir.resolve("predicted.tsv");
        CommandRunner.Outcome predict = CommandRunner.run("predict", "-m", model.toString(), "-f", windows.toString(), "-o", tsv.toString());
        assertEquals(0, predict.exitCode(), predict.stderr());
        List<String> lines = Files.readAllLines(tsv);
        factors = List.of(lines.get(0).split("\t")).subList(1, 9);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            double[] scores = new double[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                scores[i - 1] = Double.parseDouble(fields[i]);
            }
            predicted.put(Integer.parseInt(fields[0]), scores);
        }
    }

    @Test
    void bigWigsHoldThePredictedScoreOfEveryWindow() {
        assertEquals(8, factors.size());
        for (int f = 0; f < factors.size(); f++) {
            Path bigWig = out.resolve(factors.get(f) + ".bw");
            for (JsonNode read : List.of(BigWigReaders.pyBigWig(bigWig), BigWigReaders.bbi(bigWig))) {
                List<Interval> intervals = BigWigReaders.intervals(read);
                int checked = 0;
                for (Interval interval : intervals) {
                    int windowStart = interval.start() - 475;
                    double[] expected = predicted.get(windowStart);
                    if (expected == null) {
                        continue; // window skipped as mostly N: it has no interval either
                    }
                    assertEquals(interval.start() + 50, interval.end());
                    assertEquals(expected[f], interval.value(), 1e-6, factors.get(f) + " at window " + windowStart);
                    checked++;
                }
                assertEquals(intervals.size(), checked, "every interval belongs to a window");
                assertTrue(checked > 1000, "windows checked: " + checked);
            }
        }
    }

    @Test
    void bedGraphsAnswerTabixQueries() {
        String factor = factors.get(2);
        String lines = TestEnvironment.run(List.of("tabix", out.resolve(factor + ".bedGraph.gz").toString(), "chr22:17030001-17030100"));
        List<String> rows = lines.lines().toList();
        assertEquals(3, rows.size(), lines); // [17029975,17030025) [17030025,17030075) [17030075,17030125)
        for (String row : rows) {
            String[] fields = row.split("\t");
            int windowStart = Integer.parseInt(fields[1]) - 475;
            assertEquals(predicted.get(windowStart)[2], Double.parseDouble(fields[3]), 1e-6, row);
        }
    }

    @Test
    void bedListsWindowsAboveTheThreshold() throws IOException {
        String factor = factors.get(2);
        List<String> lines = Files.readAllLines(out.resolve(factor + ".bed"));
        assertTrue(lines.get(0).startsWith("track name=\"" + factor + "\"") && lines.get(0).contains("useScore=1"), lines.get(0));
        List<String> bed = lines.subList(1, lines.size());
        long expected = predicted.values().stream().filter(s -> s[2] >= 0.9).count();
        assertEquals(expected, bed.size());
        for (String line : bed) {
            String[] fields = line.split("\t");
            assertEquals(1000, Integer.parseInt(fields[2]) - Integer.parseInt(fields[1]));
            assertTrue(predicted.get(Integer.parseInt(fields[1]))[2] >= 0.9);
        }
    }

    @Test
    void noTemporaryFilesAreLeft() throws IOException {
        try (var files = Files.list(out)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(8 * 4 + 3, names.size(), names.toString()); // .bw, .bedGraph.gz, .tbi, .bed per factor
            assertTrue(names.containsAll(List.of("zinfer-scan.json", "igv_session.xml", "igv_session.json")), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), names.toString());
        }
    }
}
