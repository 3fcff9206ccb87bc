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
 * --reverse-complement in predict and scan (built-in model, demo genome): each window's score is, to the bit,
 * half its score plus half the score of its reverse complement cut by hand and scored forward.
 */
class ReverseComplementTest {
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
