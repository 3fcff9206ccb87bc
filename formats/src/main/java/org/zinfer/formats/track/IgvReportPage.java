package org.zinfer.formats.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zinfer.formats.io.AtomicOutput;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One self-contained HTML page with an igv.js browser (igv.min.js from the npm package igv, fetched by the build,
 * inlined), its session with every track's data embedded as data URIs (as igv-reports does, so the page works
 * from file:// without a network), a table of regions that moves the browser, and a gallery of images.
 */
public final class IgvReportPage {
    private static final String IGV_JS = "igv.min.js";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row of the region table: the locus it shows and the text of its cells. */
    public record Row(String locus, List<String> cells) {
    }

    private IgvReportPage() {
    }

    /** A text file as igv.js reads it from a data URI: gzip, base64. */
    public static String dataUri(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:application/gzip;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** images: caption → PNG bytes, shown in that order. */
    public static void write(Path file, String title, ObjectNode session, List<String> header, List<Row> rows, Map<String, byte[]> images) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 8px}tbody tr{cursor:pointer}tbody tr:hover{background:#eef}"
                        + "figure{display:inline-block;margin:4px}figure img{max-width:560px}</style></head><body>\n<h1>")
                .append(escape(title)).append("</h1>\n<table id=\"regions\"><thead><tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        for (Row row : rows) {
            html.append("<tr data-locus=\"").append(escape(row.locus())).append("\">");
            row.cells().forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n<div id=\"igv\"></div>\n");
        if (!images.isEmpty()) {
            html.append("<h2>Learned motifs</h2>\n<div id=\"logos\">\n");
            images.forEach((caption, png) -> html.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n"));
            html.append("</div>\n");
        }
        html.append("<script>").append(script(igvJs())).append("</script>\n<script>\nconst session = ").append(script(json(session)))
                .append(";\nigv.createBrowser(document.getElementById('igv'), session).then(browser => {\n"
                        + "  window.browser = browser;\n"
                        + "  document.querySelectorAll('#regions tbody tr').forEach(row => row.addEventListener('click', () => browser.search(row.dataset.locus)));\n"
                        + "});\n</script>\n</body></html>\n");
        AtomicOutput.writeString(file, html.toString());
    }

    private static String igvJs() {
        try (InputStream in = IgvReportPage.class.getResourceAsStream(IGV_JS)) {
            if (in == null) {
                throw new IllegalStateException(IGV_JS + " is not in this build (the formats module's build fetches it from npm)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + IGV_JS, e);
        }
    }

    private static String json(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text safe inside a script element: no "</script" can end it early (in JavaScript, "<\/" is "</"). */
    private static String script(String text) {
        return text.replaceAll("(?i)</script", "<\\\\/script");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
