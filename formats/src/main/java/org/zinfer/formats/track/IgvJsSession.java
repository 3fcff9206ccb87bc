package org.zinfer.formats.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An igv.js session ({@value #FILE}: the object igv.createBrowser or browser.loadSession takes) with a scan's
 * bigWig tracks, one per factor, each in its own colour with a fixed 0-1 range, and the genome FASTA as the
 * reference. Track URLs are relative to the session file; serve the directory (and the FASTA) over HTTP.
 */
public final class IgvJsSession {
    public static final String FILE = "igv_session.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IgvJsSession() {
    }

    /** genome: the FASTA the scan read, with its .fai (and .gzi when bgzip) beside it; locus: where it opens. */
    public static void write(Path directory, List<String> factors, String genome, String locus) {
        ObjectNode session = JSON.createObjectNode();
        ObjectNode reference = session.putObject("reference");
        reference.put("id", Path.of(genome).getFileName().toString());
        reference.put("fastaURL", genome);
        reference.put("indexURL", genome + ".fai");
        if (Files.exists(Path.of(genome + ".gzi"))) {
            reference.put("compressedIndexURL", genome + ".gzi");
        }
        session.put("locus", locus);
        // the reference is given: igv.js need not fetch its list of hosted genomes (which fails offline)
        session.put("loadDefaultGenomes", false);
        ArrayNode tracks = session.putArray("tracks");
        for (int i = 0; i < factors.size(); i++) {
            ObjectNode track = tracks.addObject();
            track.put("name", factors.get(i));
            track.put("type", "wig");
            track.put("format", "bigwig");
            track.put("url", factors.get(i) + ".bw");
            track.put("autoscale", false);
            track.put("min", 0);
            track.put("max", 1);
            track.put("color", "rgb(" + TrackColors.of(i) + ")");
            track.put("height", 40);
        }
        Path file = directory.resolve(FILE);
        try (AtomicOutput output = new AtomicOutput(file)) {
            JSON.writeValue(output.temporary().toFile(), session);
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
