package org.zinfer.scoring.explain;

/**
 * In-silico mutagenesis: a base's contribution to a factor is the window's logit minus the mean logit of the
 * three windows with that base substituted ({@link Mutants}), exact for the model whatever its form, at
 * 3 forward passes per base of the window's stretch.
 */
public final class InSilicoMutagenesis {
    /** Probabilities are kept this far from 0 and 1 so that their logits stay finite. */
    private static final double EDGE = 1e-7;

    private InSilicoMutagenesis() {
    }

    /**
     * The contributions to the chosen factors (indices of the model's outputs) from the scores the engine gave a
     * {@link Mutants} item with substitutions (window after window, one score per output); zero outside its stretch.
     */
    public static Contribution of(Mutants item, float[] scores, int offset, int outputs, int[] chosen) {
        int length = item.length();
        float[] values = new float[chosen.length * length];
        for (int k = 0; k < chosen.length; k++) {
            int f = chosen[k];
            double reference = logit(scores[offset + f]);
            for (int j = 0; j < item.stretch().length(); j++) {
                int i = item.stretchStart() + j;
                if (item.channels()[i] < 0) {
                    continue;
                }
                double mutants = 0;
                for (int m = 0; m < Mutants.PER_BASE; m++) {
                    mutants += logit(scores[offset + (1 + Mutants.PER_BASE * j + m) * outputs + f]);
                }
                values[k * length + i] = (float) (reference - mutants / Mutants.PER_BASE);
            }
        }
        return new Contribution(item.window(), item.stretch(), item.channels(), chosen.length, values);
    }

    static double logit(float probability) {
        double p = Math.min(Math.max(probability, EDGE), 1 - EDGE);
        return Math.log(p) - Math.log1p(-p);
    }
}
