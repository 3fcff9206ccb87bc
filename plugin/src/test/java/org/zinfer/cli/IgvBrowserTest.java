package org.zinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scan's igv.js session opens in igv.js 3.8 in headless Chromium, served from 127.0.0.1 with nothing else
 * reachable: no console error, no failed or outside request, and every factor's track draws.
 */
class IgvBrowserTest {
    @TempDir
    Path dir;

    @Test
    void theScansSessionLoadsAndDrawsEveryTrack() throws IOException {
        Path check = TestEnvironment.igvCheck();
        Path scan = dir.resolve("scan");
        CommandRunner.Outcome outcome = CommandRunner.run("scan", "-f", TestEnvironment.root().resolve("test-data/demo-genome.fa").toString(),
                "-r", "chrDemo1:1-5000", "-o", scan.toString());
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        JsonNode result = new ObjectMapper().readTree(TestEnvironment.run(List.of("node", check.toString(),
                scan.resolve("igv_session.json").toString(), "chrDemo1:1-5000")));
        assertEquals(0, result.get("errors").size(), result.get("errors").toString());
        List<String> drawn = new ArrayList<>();
        for (JsonNode track : result.get("tracks")) {
            if (track.get("type").asText().equals("wig")) {
                assertTrue(track.get("pixels").asInt() > 0, track.get("name").asText() + " drew nothing");
                drawn.add(track.get("name").asText());
            }
        }
        assertEquals(29, drawn.size(), drawn.toString());
    }
}
