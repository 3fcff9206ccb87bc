package org.zinfer.formats.motif;

import java.util.Random;

/**
 * A position frequency matrix: for each motif position, the probabilities of A, C, G, T (rows sum to 1).
 */
public record MotifMatrix(String id, String name, double[][] probabilities) {

    public int length() {
        return probabilities.length;
    }

    /** The matrix of the other strand: positions reversed, A with T and C with G swapped. */
    public MotifMatrix reverseComplement() {
        double[][] reversed = new double[length()][];
        for (int i = 0; i < length(); i++) {
            double[] row = probabilities[length() - 1 - i];
            reversed[i] = new double[] {row[3], row[2], row[1], row[0]};
        }
        return new MotifMatrix(id, name, reversed);
    }

    /** Information content of position i in bits (2 minus the entropy of its bases). */
    public double informationContent(int i) {
        double entropy = 0;
        for (double p : probabilities[i]) {
            entropy -= p > 0 ? p * Math.log(p) / Math.log(2) : 0;
        }
        return 2 - entropy;
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
