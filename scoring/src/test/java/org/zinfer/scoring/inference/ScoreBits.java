package org.zinfer.scoring.inference;

import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a fresh JVM by {@link EngineDeterminismTest}: scores the same windows with two models through the
 * engine with each given thread count and batch size, and prints every score's raw bits. Options:
 * threads (comma list), batch sizes (comma list), warm-up rounds before scoring.
 */
public final class ScoreBits {
    static final String SCORING = "scoring after warm-up";

    public static void main(String[] args) {
        int[] threads = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int[] batches = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int warmUp = Integer.parseInt(args[2]);
        List<Architecture> architectures = List.of(TestArchitectures.smallThesisLike(200), TestArchitectures.odd(150));
        List<FactorModel> models = new ArrayList<>();
        for (Architecture architecture : architectures) {
            models.add(TestArchitectures.randomModel(architecture, 11));
        }
        for (int round = 0; round < warmUp; round++) {
            for (FactorModel model : models) {
                score(model, TestArchitectures.windows(model.windowLength(), 100 + round), 2, 16);
            }
        }
        System.out.println(SCORING);
        System.err.println(SCORING);
        System.out.println("vector bits " + Simd.SPECIES.vectorBitSize());
        for (int m = 0; m < models.size(); m++) {
            List<SequenceWindow> windows = sample(TestArchitectures.windows(models.get(m).windowLength(), 7));
            for (int t : threads) {
                for (int b : batches) {
                    float[] scores = score(models.get(m), windows, t, b);
                    int outputs = scores.length / windows.size();
                    for (int w = 0; w < windows.size(); w++) {
                        StringBuilder line = new StringBuilder("model " + m + " threads " + t + " batch " + b + " window " + w + ":");
                        for (int k = 0; k < outputs; k++) {
                            line.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(scores[w * outputs + k])));
                        }
                        System.out.println(line);
                    }
                }
            }
        }
    }

    /**
     * Every 12th window (random, with N runs and IUPAC codes, repeats), the all-N one, and 6 windows of a scan
     * at step 8 (which copy the rows they share in batches larger than one): 17 windows.
     */
    static List<SequenceWindow> sample(List<SequenceWindow> windows) {
        List<SequenceWindow> sample = new ArrayList<>();
        for (int i = 0; i < windows.size(); i += 12) {
            sample.add(windows.get(i));
        }
        sample.add(windows.stream().filter(w -> w.window().contig().equals("all_N")).findFirst().orElseThrow());
        sample.addAll(TestArchitectures.tiled(windows.get(0).length(), 8, 6, 3));
        return sample;
    }

    private static float[] score(FactorModel model, List<SequenceWindow> windows, int threads, int batch) {
        WindowScorer scorer = ConvLstmScorer.forModel(model, threads, batch).orElseThrow();
        int outputs = scorer.outputs();
        float[] scores = new float[windows.size() * outputs];
        int[] delivered = {0};
        new ScoringEngine(scorer, model.windowLength(), batch).run(windows.iterator(),
                (window, values, offset) -> System.arraycopy(values, offset, scores, delivered[0]++ * outputs, outputs),
                ProgressMeter.silent());
        return scores;
    }
}
