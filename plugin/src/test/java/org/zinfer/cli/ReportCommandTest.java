package org.zinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * zinfer report over the demo genome's scan, calls, contributions and learned motifs: one HTML file that opens
 * from file:// in headless Chromium without a console error or a request beyond the file (the check refuses and
 * reports any), every track drawn.
 */
class ReportCommandTest {
    private static final String FASTA = TestEnvironment.root().resolve("test-data/demo-genome.fa").toString();

    @TempDir
    Path dir;

    @Test
    void oneFileShowsTracksSitesContributionsAndLogos() throws IOException {
        Path check = TestEnvironment.igvCheck();
        run("scan", "-f", FASTA, "-r", "chrDemo1:1-20000", "-o", dir.resolve("scan").toString());
        run("calibrate", "-f", FASTA, "--windows", "1000", "-o", dir.resolve("calibrated.zinfer").toString());
        run("call", "--scan", dir.resolve("scan").toString(), "--model", dir.resolve("calibrated.zinfer").toString(),
                "--out", dir.resolve("calls").toString());
        run("explain", "-f", FASTA, "-r", "chrDemo1:1-20000", "--factor", "REST", "--factor", "ZNF274", "-o", dir.resolve("contributions").toString());
        run("motifs", "--windows", "300", "--top", "5", "-o", dir.resolve("motifs").toString());
        Path html = dir.resolve("report.html");
        run("report", "--scan", dir.resolve("scan").toString(), "--calls", dir.resolve("calls").toString(), "--top", "3",
                "--contributions", dir.resolve("contributions").toString(), "--motifs", dir.resolve("motifs").toString(), "-o", html.toString());

        String page = Files.readString(html);
        assertEquals(29, page.split("<img ", -1).length - 1, "a logo per factor");
        JsonNode result = new ObjectMapper().readTree(TestEnvironment.run(List.of("node", check.toString(), html.toString())));
        assertEquals(0, result.get("errors").size(), result.get("errors").toString());
        Map<String, Integer> pixels = new HashMap<>();
        result.get("tracks").forEach(t -> pixels.put(t.get("name").asText(), t.get("pixels").asInt()));
        for (String track : List.of("CTCF", "REST", "ZNF274", "REST contribution", "ZNF274 contribution")) {
            assertTrue(pixels.getOrDefault(track, 0) > 0, track + " drawn: " + pixels);
        }
        assertEquals(29 + 2, pixels.keySet().stream().filter(n -> !n.isEmpty() && !n.equals("sequence") && !n.endsWith(" sites")).count(),
                "29 probability tracks and 2 contribution tracks: " + pixels.keySet());
        assertTrue(pixels.keySet().stream().anyMatch(n -> n.endsWith(" sites")), "the called sites: " + pixels.keySet());
    }

    @Test
    void refusesToShowNothing() throws IOException {
        run("scan", "-f", FASTA, "-r", "chrDemo1:1-2000", "-o", dir.resolve("scan").toString());
        CommandRunner.assertFails(dir.resolve("r.html"), "nothing to show: give --region/--regions, or --calls",
                "report", "--scan", dir.resolve("scan").toString(), "-o", dir.resolve("r.html").toString());
    }

    private static void run(String... args) {
        CommandRunner.Outcome outcome = CommandRunner.run(args);
        assertEquals(0, outcome.exitCode(), outcome.stderr());
    }
}
