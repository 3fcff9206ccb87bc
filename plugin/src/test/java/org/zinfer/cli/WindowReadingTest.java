package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.formats.encoding.Sequences;
import org.zinfer.formats.genome.ReferenceGenome;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --reverse-complement and --shifts in predict and scan (built-in model, demo genome): each window's score is, to
 * the bit, the mean of the scores of its reverse complement, or of its shifted copies, cut by hand and scored plainly.
 */
class WindowReadingTest {
    @TempDir
    Path dir;

    @Test
    void bothStrandsAreTheMeanOfTheWindowAndItsReverseComplementScoredByHand() throws IOException {
        Path genomeFile = TestEnvironment.root().resolve("test-data/demo-genome.fa");
        StringBuilder forward = new StringBuilder();
        StringBuilder reverse = new StringBuilder();
        try (ReferenceGenome genome = ReferenceGenome.open(genomeFile)) {
            for (int start = 0; start <= 20_500; start += 500) { // the windows a scan of chrDemo1:1-21000 at step 500 starts
                byte[] bases = genome.bases("chrDemo1", start, start + 1000);
                forward.append('>').append(start).append('\n').append(new String(bases, StandardCharsets.US_ASCII)).append('\n');
                reverse.append('>').append(start).append('\n')
                        .append(new String(Sequences.reverseComplement(bases), StandardCharsets.US_ASCII)).append('\n');
            }
        }
        Path forwardFasta = Files.writeString(dir.resolve("forward.fa"), forward);
        Map<String, float[]> plain = predict(forwardFasta, "plain.tsv");
        Map<String, float[]> turned = predict(Files.writeString(dir.resolve("reverse.fa"), reverse), "turned.tsv");
        Map<String, float[]> both = predict(forwardFasta, "both.tsv", "--reverse-complement");
        assertEquals(42, both.size());
        boolean differs = false;
        for (String name : both.keySet()) {
            for (int f = 0; f < both.get(name).length; f++) {
                float expected = plain.get(name)[f] / 2 + turned.get(name)[f] / 2;
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(both.get(name)[f]), "window " + name + ", factor " + f);
                differs |= plain.get(name)[f] != turned.get(name)[f];
            }
        }
        assertTrue(differs, "the two strands score differently somewhere");

        Path tracks = dir.resolve("tracks");
        CommandRunner.Outcome scan = CommandRunner.run("scan", "-f", genomeFile.toString(), "--region", "chrDemo1:1-21000", "--step", "500",
                "--reverse-complement", "-o", tracks.toString());
        assertEquals(0, scan.exitCode(), scan.stderr());
        List<String> lines = bedGraph(tracks.resolve("CTCF.bedGraph.gz"));
        assertEquals(42, lines.size());
        int ctcf = 1; // the built-in model's factors begin ZNF143, CTCF
        for (String line : lines) {
            String[] fields = line.split("\t");
            String window = String.valueOf(Integer.parseInt(fields[1]) + 250 - 500);
            assertEquals(both.get(window)[ctcf], Float.parseFloat(fields[3]), 0f, line);
        }
        assertTrue(Files.readString(tracks.resolve("zinfer-scan.json")).contains("both, averaged"));
        // the browser sessions open the scan's tracks on the genome it read
        assertTrue(Files.readString(tracks.resolve("igv_session.xml")).contains("genome=\"" + genomeFile.toRealPath() + "\""));
        assertTrue(Files.readString(tracks.resolve("igv_session.json")).contains("\"url\" : \"CTCF.bw\""));
    }

    /** --shifts 4: the mean of the window with its bases moved by -1, 0, 1 and 2 (N where none is left), added in that order. */
    @Test
    void shiftsAreTheMeanOfCopiesShiftedByHand() throws IOException {
        Path genomeFile = TestEnvironment.root().resolve("test-data/demo-genome.fa");
        int[] shifts = {-1, 0, 1, 2};
        StringBuilder windows = new StringBuilder();
        StringBuilder shifted = new StringBuilder();
        try (ReferenceGenome genome = ReferenceGenome.open(genomeFile)) {
            for (int start = 0; start <= 9_000; start += 1000) { // the windows a scan of chrDemo1:1-10000 at step 1000 starts
                String bases = new String(genome.bases("chrDemo1", start, start + 1000), StandardCharsets.US_ASCII);
                windows.append('>').append(start).append('\n').append(bases).append('\n');
                for (int shift : shifts) {
                    String moved = shift >= 0 ? "N".repeat(shift) + bases.substring(0, 1000 - shift) : bases.substring(-shift) + "N".repeat(-shift);
                    shifted.append('>').append(start).append('_').append(shift).append('\n').append(moved).append('\n');
                }
            }
        }
        Path windowsFasta = Files.writeString(dir.resolve("windows.fa"), windows);
        Map<String, float[]> copies = predict(Files.writeString(dir.resolve("shifted.fa"), shifted), "copies.tsv");
        Map<String, float[]> mean = predict(windowsFasta, "mean.tsv", "--shifts", "4");
        assertEquals(10, mean.size());
        boolean differs = false;
        for (String name : mean.keySet()) {
            for (int f = 0; f < mean.get(name).length; f++) {
                float expected = 0;
                for (int shift : shifts) {
                    expected += copies.get(name + "_" + shift)[f] / shifts.length;
                }
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(mean.get(name)[f]), "window " + name + ", factor " + f);
                differs |= copies.get(name + "_0")[f] != copies.get(name + "_1")[f];
            }
        }
        assertTrue(differs, "shifted copies score differently somewhere");
        assertEquals(predict(windowsFasta, "batch1.tsv", "--shifts", "4", "--batch", "1").get("3000")[3], mean.get("3000")[3], 0f);

        Path tracks = dir.resolve("tracks");
        CommandRunner.Outcome scan = CommandRunner.run("scan", "-f", genomeFile.toString(), "--region", "chrDemo1:1-10000", "--step", "1000",
                "--shifts", "4", "-o", tracks.toString());
        assertEquals(0, scan.exitCode(), scan.stderr());
        List<String> lines = bedGraph(tracks.resolve("CTCF.bedGraph.gz"));
        assertEquals(10, lines.size());
        for (String line : lines) {
            String[] fields = line.split("\t"); // at step 1000 a window's interval is the window itself
            assertEquals(mean.get(fields[1])[1], Float.parseFloat(fields[3]), 0f, line);
        }
        assertTrue(Files.readString(tracks.resolve("zinfer-scan.json")).contains("\"shifts\" : 4"));
        CommandRunner.assertFails(dir.resolve("none"), "--shifts must lie from 1 to 16, not 0", "scan", "-f", genomeFile.toString(),
                "--shifts", "0", "-o", dir.resolve("none").toString());
    }

    private Map<String, float[]> predict(Path fasta, String out, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("predict", "-f", fasta.toString(), "-o", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        CommandRunner.Outcome outcome = CommandRunner.run(args.toArray(new String[0]));
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        Map<String, float[]> scores = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve(out));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            float[] values = new float[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                values[i - 1] = Float.parseFloat(fields[i]);
            }
            scores.put(fields[0], values);
        }
        return scores;
    }

    private static List<String> bedGraph(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().filter(l -> !l.startsWith("track")).toList();
        }
    }
}
