package org.zinfer.formats.motif;

import org.zinfer.formats.io.AtomicOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes matrices in MEME's minimal motif format (version 4, DNA, both strands, uniform background), one MOTIF
 * per matrix named by its id and name, as TOMTOM, FIMO and tangermeme read it.
 */
public final class MemeWriter {
    private MemeWriter() {
    }

    public static void write(Path file, List<MotifMatrix> motifs) {
        StringBuilder text = new StringBuilder("MEME version 4\n\nALPHABET= ACGT\n\nstrands: + -\n\n"
                + "Background letter frequencies\nA 0.25 C 0.25 G 0.25 T 0.25\n");
        for (MotifMatrix motif : motifs) {
            text.append("\nMOTIF ").append(motif.id()).append(' ').append(motif.name()).append('\n')
                    .append("letter-probability matrix: alength= 4 w= ").append(motif.length()).append('\n');
            for (double[] row : motif.probabilities()) {
                text.append(String.format(Locale.ROOT, " %.6f %.6f %.6f %.6f%n", row[0], row[1], row[2], row[3]));
            }
        }
        AtomicOutput.writeString(file, text.toString());
    }
}
