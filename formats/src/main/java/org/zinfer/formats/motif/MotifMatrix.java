package org.zinfer.formats.motif;

import java.util.Random;

/**
 * A position frequency matrix: for each motif position, the probabilities of A, C, G, T (rows sum to 1).
 */
public record MotifMatrix(String id, String name, double[][] probabilities) {

    public int length() {
        return probabilities.length;
    }

    /** Draws one instance of the motif, base by base from the matrix, on the forward strand. */
    public byte[] sample(Random random) {
        byte[] bases = new byte[length()];
        for (int i = 0; i < bases.length; i++) {
            double draw = random.nextDouble();
            int base = 0;
            while (base < 3 && draw >= probabilities[i][base]) {
                draw -= probabilities[i][base];
                base++;
            }
            bases[i] = (byte) "ACGT".charAt(base);
        }
        return bases;
    }
}
