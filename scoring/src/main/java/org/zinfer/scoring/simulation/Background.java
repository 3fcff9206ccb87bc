package org.zinfer.scoring.simulation;

import java.util.Random;

/** Where simulated sequence comes from before motifs are implanted. */
public interface Background {
    byte[] draw(Random random, int length);

    /** In words, for provenance. */
    String describe();

    /** Independent bases with a given G+C fraction. */
    static Background iid(double gc) {
        if (!(gc >= 0 && gc <= 1)) {
            throw new IllegalArgumentException("--gc must lie between 0 and 1, got " + gc);
        }
        return new Background() {
            public byte[] draw(Random random, int length) {
                byte[] bases = new byte[length];
                for (int i = 0; i < length; i++) {
                    boolean strong = random.nextDouble() < gc;
                    bases[i] = (byte) (strong ? (random.nextBoolean() ? 'C' : 'G') : (random.nextBoolean() ? 'A' : 'T'));
                }
                return bases;
            }

            public String describe() {
                return "i.i.d. bases, GC " + gc;
            }
        };
    }
}
