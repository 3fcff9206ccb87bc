package org.zinfer.formats.track;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.zinfer.formats.InputException;
import org.zinfer.formats.genome.Region;
import org.zinfer.formats.io.AtomicOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a scan directory holds, written last (so its presence means the tracks are complete): the model and
 * factors, window length and step, and the contigs and regions scanned. zinfer merge reads it to combine
 * chunk scans.
 *
 * @param contigs       the contigs of the tracks, each with its rank in the FASTA (the order tracks follow)
 * @param modelChecksum SHA-256 of the model's architecture, factors and parameters
 * @param fingerprint   everything that decides the tracks' bytes, as a resumed or repeated scan compares it
 * @param genome        the FASTA scanned, as an absolute path (null in scans made before zinfer recorded it)
 * @param strands       2 when each window's score is the mean of both strands' (scan --reverse-complement), else 1
 *                      (0, read from scans made before zinfer recorded it, means 1)
 * @param shifts        how many shifted copies each window's score is the mean of (scan --shifts; 0 as for strands)
 */
public record ScanManifest(String model, List<String> factors, int windowLength, int step,
                           List<ManifestContig> contigs, List<String> regions, String zinferVersion,
                           String modelChecksum, Map<String, String> fingerprint, String genome, int strands, int shifts) {
    public static final String FILE = "zinfer-scan.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A contig of a scan: name, length and rank in the genome FASTA. */
    public record ManifestContig(String name, int length, int rank) {
    }

    /** How the scan read each window. */
    public WindowReading reading() {
        return new WindowReading(strands, shifts);
    }

    public static List<String> describe(List<Region> regions) {
        return regions.stream().map(Region::toString).toList();
    }

    /** Writes the manifest and, when the genome is known, the IGV and igv.js sessions that open the tracks. */
    public void write(Path directory) {
        try (AtomicOutput output = new AtomicOutput(directory.resolve(FILE))) {
            JSON.writeValue(output.temporary().toFile(), this);
            output.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
        }
        if (genome != null) {
            String locus = regions.isEmpty() ? contigs.get(0).name() : regions.get(0);
            IgvDesktopSession.write(directory, factors, genome, locus);
            IgvJsSession.write(directory, factors, genome, locus);
        }
    }

    public static ScanManifest read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new InputException(directory + " is not a finished zinfer scan (it has no " + FILE + ")");
        }
        try {
            return JSON.readValue(file.toFile(), ScanManifest.class);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
