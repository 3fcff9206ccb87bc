package org.zinfer.formats.motif;

import org.zinfer.formats.io.AtomicOutput;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes matrices in TRANSFAC format as JASPAR exports it (AC id, ID name, a P0 row of bases, frequencies), which {@link TransfacReader} reads back. */
public final class TransfacWriter {
    private TransfacWriter() {
    }

    public static void write(Path file, List<MotifMatrix> motifs) {
        StringBuilder text = new StringBuilder();
        for (MotifMatrix motif : motifs) {
            text.append("AC ").append(motif.id()).append("\nXX\nID ").append(motif.name()).append("\nXX\nP0\tA\tC\tG\tT\n");
            double[][] rows = motif.probabilities();
            for (int i = 0; i < rows.length; i++) {
                text.append(String.format(Locale.ROOT, "%02d\t%.6f\t%.6f\t%.6f\t%.6f%n", i + 1, rows[i][0], rows[i][1], rows[i][2], rows[i][3]));
            }
            text.append("XX\n//\n");
        }
        AtomicOutput.writeString(file, text.toString());
    }
}
