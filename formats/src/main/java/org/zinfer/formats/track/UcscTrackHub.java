package org.zinfer.formats.track;

import org.zinfer.formats.InputException;
import org.zinfer.formats.io.AtomicOutput;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A UCSC track hub over a finished scan, for users who put the scan directory on a web server: DIR/hub/hub.txt,
 * genomes.txt and ASSEMBLY/trackDb.txt, one composite track holding every factor's bigWig (a subtrack each, in its
 * own colour, fixed 0-1 range). bigDataUrl paths are relative to trackDb.txt (../../FACTOR.bw), which the browser
 * resolves, so the directory can be served from anywhere.
 */
public final class UcscTrackHub {
    public static final String DIRECTORY = "hub";

    private UcscTrackHub() {
    }

    /** assembly: the UCSC database name of the genome scanned (hg19, hg38, mm10 ...); email: the hub's contact. */
    public static Path write(Path scan, ScanManifest manifest, String assembly, String email) {
        if (!assembly.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new InputException("--assembly must be a UCSC assembly name such as hg19, not '" + assembly + "'");
        }
        if (!email.contains("@")) {
            throw new InputException("--email must be an e-mail address (UCSC shows it as the hub's contact), not '" + email + "'");
        }
        for (String factor : manifest.factors()) {
            if (!Files.isRegularFile(scan.resolve(factor + ".bw"))) {
                throw new InputException(scan + " lacks " + factor + ".bw; give the directory of a finished zinfer scan");
            }
        }
        Path hub = scan.resolve(DIRECTORY);
        String name = label(manifest.model().startsWith("zinfer") ? manifest.model() : "zinfer_" + manifest.model());
        String about = "zinfer scan with " + manifest.model() + ": " + manifest.factors().size() + " factors, windows of "
                + manifest.windowLength() + " nt at step " + manifest.step();
        AtomicOutput.writeString(hub.resolve("hub.txt"), "hub " + name + "\nshortLabel " + shortLabel(manifest.model()) + "\nlongLabel "
                + longLabel(about) + "\ngenomesFile genomes.txt\nemail " + email + "\n");
        AtomicOutput.writeString(hub.resolve("genomes.txt"), "genome " + assembly + "\ntrackDb " + assembly + "/trackDb.txt\n");
        StringBuilder trackDb = new StringBuilder()
                .append("track ").append(name).append('\n')
                .append("compositeTrack on\n")
                .append("shortLabel ").append(shortLabel(manifest.model())).append('\n')
                .append("longLabel ").append(longLabel(about)).append('\n')
                .append("type bigWig 0 1\nviewLimits 0:1\nautoScale off\nmaxHeightPixels 100:32:8\nvisibility full\n");
        for (int i = 0; i < manifest.factors().size(); i++) {
            String factor = manifest.factors().get(i);
            trackDb.append('\n')
                    .append("    track ").append(name).append('_').append(label(factor)).append('\n')
                    .append("    parent ").append(name).append(" on\n")
                    .append("    shortLabel ").append(shortLabel(factor)).append('\n')
                    .append("    longLabel ").append(longLabel(factor + " binding probability (" + manifest.model() + ", step " + manifest.step() + ")")).append('\n')
                    .append("    type bigWig 0 1\n")
                    .append("    bigDataUrl ../../").append(factor).append(".bw\n")
                    .append("    color ").append(TrackColors.of(i)).append('\n');
        }
        AtomicOutput.writeString(hub.resolve(assembly).resolve("trackDb.txt"), trackDb.toString());
        return hub.resolve("hub.txt");
    }

    /** A track name part: letters, digits and underscores only. */
    private static String label(String text) {
        return text.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** UCSC cuts short labels at 17 characters and long labels at 76. */
    private static String shortLabel(String text) {
        return text.length() <= 17 ? text : text.substring(0, 17);
    }

    private static String longLabel(String text) {
        return text.length() <= 76 ? text : text.substring(0, 76);
    }
}
