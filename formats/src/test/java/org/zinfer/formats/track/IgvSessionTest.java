package org.zinfer.formats.track;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The browser sessions of a scan: one bigWig track per factor, fixed 0-1 range, a colour each, the genome. */
class IgvSessionTest {
    @TempDir
    Path dir;

    private static final List<String> FACTORS = List.of("ZNF143", "CTCF", "Yy1");

    @Test
    void igvDesktopSessionListsEveryFactorWithAFixedRangeAndItsOwnColour() throws Exception {
        IgvDesktopSession.write(dir, FACTORS, "/data/hg19.fa.gz", "chr22:17000001-17060000");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(IgvDesktopSession.FILE).toFile());
        Element session = xml.getDocumentElement();
        assertEquals("/data/hg19.fa.gz", session.getAttribute("genome"));
        assertEquals("chr22:17000001-17060000", session.getAttribute("locus"));
        NodeList resources = xml.getElementsByTagName("Resource");
        NodeList tracks = xml.getElementsByTagName("Track");
        assertEquals(3, resources.getLength());
        Set<String> colours = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Element track = (Element) tracks.item(i);
            assertEquals(FACTORS.get(i) + ".bw", ((Element) resources.item(i)).getAttribute("path"));
            assertEquals(FACTORS.get(i), track.getAttribute("name"));
            assertEquals("false", track.getAttribute("autoScale"));
            Element range = (Element) track.getElementsByTagName("DataRange").item(0);
            assertEquals("0.0", range.getAttribute("minimum"));
            assertEquals("1.0", range.getAttribute("maximum"));
            colours.add(track.getAttribute("color"));
        }
        assertEquals(3, colours.size());
    }

    @Test
    void igvJsSessionHasTheReferenceAndEveryTrack() throws Exception {
        IgvJsSession.write(dir, FACTORS, "/data/hg19.fa", "chr22:17000001-17060000");
        JsonNode session = new ObjectMapper().readTree(dir.resolve(IgvJsSession.FILE).toFile());
        assertEquals("/data/hg19.fa", session.at("/reference/fastaURL").asText());
        assertEquals("/data/hg19.fa.fai", session.at("/reference/indexURL").asText());
        assertEquals(3, session.get("tracks").size());
        Set<String> colours = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode track = session.get("tracks").get(i);
            assertEquals(FACTORS.get(i) + ".bw", track.get("url").asText());
            assertEquals("bigwig", track.get("format").asText());
            assertEquals(false, track.get("autoscale").asBoolean());
            assertEquals(1, track.get("max").asInt());
            colours.add(track.get("color").asText());
        }
        assertEquals(3, colours.size());
    }

    @Test
    void twentyNineFactorsGetTwentyNineColours() {
        Set<String> colours = new HashSet<>();
        for (int i = 0; i < 29; i++) {
            colours.add(TrackColors.of(i));
        }
        assertEquals(29, colours.size());
    }
}
