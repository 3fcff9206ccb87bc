package org.zinfer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zinfer.testing.TestEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** zinfer hub over a scan of the demo genome: every stanza has the fields UCSC requires and every bigDataUrl exists. */
class HubCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyStanzaIsCompleteAndEveryBigWigIsThere() throws IOException {
        Path scan = dir.resolve("scan");
        CommandRunner.Outcome scanned = CommandRunner.run("scan", "-f", TestEnvironment.root().resolve("test-data/demo-genome.fa").toString(),
                "--region", "chrDemo2:1-5000", "-o", scan.toString());
        assertEquals(0, scanned.exitCode(), scanned.stderr());
        CommandRunner.assertFails(scan.resolve("hub"), "--assembly must be a UCSC assembly name such as hg19, not 'hg 19'",
                "hub", scan.toString(), "--assembly", "hg 19", "--email", "someone@example.org");
        CommandRunner.Outcome hub = CommandRunner.run("hub", scan.toString(), "--assembly", "hg19", "--email", "someone@example.org");
        assertEquals(0, hub.exitCode(), hub.stderr());

        Map<String, String> hubTxt = stanzas(scan.resolve("hub/hub.txt")).get(0);
        for (String field : List.of("hub", "shortLabel", "longLabel", "genomesFile", "email")) {
            assertTrue(hubTxt.containsKey(field), "hub.txt lacks " + field);
        }
        Map<String, String> genome = stanzas(scan.resolve("hub").resolve(hubTxt.get("genomesFile"))).get(0);
        assertEquals("hg19", genome.get("genome"));
        Path trackDb = scan.resolve("hub").resolve(genome.get("trackDb"));
        List<Map<String, String>> tracks = stanzas(trackDb);
        assertEquals(1 + 29, tracks.size(), "a composite and the built-in model's 29 factors");
        assertEquals("on", tracks.get(0).get("compositeTrack"));
        List<String> names = new ArrayList<>();
        for (Map<String, String> track : tracks) {
            for (String field : List.of("track", "shortLabel", "longLabel", "type")) {
                assertTrue(track.containsKey(field), track + " lacks " + field);
            }
            assertTrue(track.get("track").matches("[A-Za-z][A-Za-z0-9_]*"), track.get("track"));
            assertTrue(track.get("shortLabel").length() <= 17 && track.get("longLabel").length() <= 76, track.toString());
            names.add(track.get("track"));
            if (track != tracks.get(0)) {
                assertEquals(tracks.get(0).get("track") + " on", track.get("parent"));
                assertTrue(Files.isRegularFile(trackDb.getParent().resolve(track.get("bigDataUrl")).normalize()), track.get("bigDataUrl"));
            }
        }
        assertEquals(names.size(), names.stream().distinct().count(), "track names are unique");

    }

    /** A trackDb-style file as its stanzas (blank-line separated), each a map of first word to the rest of the line. */
    private static List<Map<String, String>> stanzas(Path file) throws IOException {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> stanza = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                if (!stanza.isEmpty()) {
                    stanzas.add(stanza);
                    stanza = new LinkedHashMap<>();
                }
                continue;
            }
            int space = trimmed.indexOf(' ');
            stanza.put(trimmed.substring(0, space), trimmed.substring(space + 1));
        }
        if (!stanza.isEmpty()) {
            stanzas.add(stanza);
        }
        return stanzas;
    }
}
