package org.zinfer.formats.track;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.zinfer.formats.io.AtomicOutput;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * An IGV desktop session ({@value #FILE}, IGV's session format version 8) that opens a scan's bigWig tracks, one
 * per factor, each in its own colour with a fixed 0-1 range (autoscaling would draw noise as peaks). Track paths
 * are relative to the session file, which IGV resolves, so the directory can move.
 */
public final class IgvDesktopSession {
    public static final String FILE = "igv_session.xml";

    private IgvDesktopSession() {
    }

    /** genome: the FASTA the scan read (IGV loads it with its index); locus: where IGV opens. */
    public static void write(Path directory, List<String> factors, String genome, String locus) {
        Path file = directory.resolve(FILE);
        try (AtomicOutput output = new AtomicOutput(file)) {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element session = child(document, document, "Session", "genome", genome, "hasGeneTrack", "false",
                    "hasSequenceTrack", "true", "locus", locus, "version", "8");
            Element resources = child(document, session, "Resources");
            Element panel = child(document, session, "Panel", "name", "DataPanel");
            for (int i = 0; i < factors.size(); i++) {
                String path = factors.get(i) + ".bw";
                child(document, resources, "Resource", "path", path, "type", "bigwig");
                Element track = child(document, panel, "Track", "attributeKey", path, "autoScale", "false",
                        "clazz", "org.broad.igv.track.DataSourceTrack", "color", TrackColors.of(i), "id", path, "name", factors.get(i),
                        "renderer", "BAR_CHART", "visible", "true", "windowFunction", "max");
                child(document, track, "DataRange", "baseline", "0.0", "drawBaseline", "true", "flipAxis", "false",
                        "maximum", "1.0", "minimum", "0.0", "type", "LINEAR");
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(document), new StreamResult(output.temporary().toFile()));
            output.commit();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new UncheckedIOException("cannot write " + file, new IOException(e.getMessage(), e));
        }
    }

    private static Element child(Document document, org.w3c.dom.Node parent, String name, String... attributes) {
        Element element = document.createElement(name);
        for (int i = 0; i < attributes.length; i += 2) {
            element.setAttribute(attributes[i], attributes[i + 1]);
        }
        parent.appendChild(element);
        return element;
    }
}
