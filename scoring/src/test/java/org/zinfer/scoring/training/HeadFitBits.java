package org.zinfer.scoring.training;

import java.util.Random;

/**
 * Run in a fresh JVM by {@link LogisticHeadTest}: fits a head on synthetic features after some warm-up fits, on
 * one thread and on two, and prints every coefficient's raw bits, one line per factor. Option: warm-up rounds.
 */
public final class HeadFitBits {
    static final int WIDTH = 6;
    static final int FACTORS = 2;

    public static void main(String[] args) {
        int warmUp = Integer.parseInt(args[0]);
        for (int round = 0; round < warmUp; round++) {
            LogisticHead.fit(examples(2000, 100 + round), 0.01, 2);
        }
        FeatureExamples examples = examples(3000, 5);
        for (int threads = 1; threads <= 2; threads++) {
            LogisticHead head = LogisticHead.fit(examples, 0.003, threads);
            for (int f = 0; f < FACTORS; f++) {
                StringBuilder line = new StringBuilder("factor " + f + ":");
                for (double c : head.coefficients(f)) {
                    line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(c)));
                }
                System.out.println(line);
            }
        }
    }

    /** Features with a weak signal in two of them for factor 0 and a strong, nearly separating one for factor 1. */
    static FeatureExamples examples(int n, long seed) {
        Random random = new Random(seed);
        float[] features = new float[n * WIDTH];
        float[] labels = new float[n * FACTORS];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < WIDTH; j++) {
                features[i * WIDTH + j] = (float) (random.nextGaussian() + (j == 5 ? 2 : 0));
            }
            double weak = 0.8 * features[i * WIDTH] - 0.5 * features[i * WIDTH + 1] - 1;
            double strong = 6 * features[i * WIDTH + 2];
            labels[i * FACTORS] = random.nextDouble() < 1 / (1 + Math.exp(-weak)) ? 1 : 0;
            labels[i * FACTORS + 1] = random.nextDouble() < 1 / (1 + Math.exp(-strong)) ? 1 : 0;
        }
        return new FeatureExamples(features, WIDTH, labels, FACTORS);
    }
}
