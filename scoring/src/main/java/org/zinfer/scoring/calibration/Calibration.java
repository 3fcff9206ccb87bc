package org.zinfer.scoring.calibration;

import java.util.List;

/**
 * What `zinfer calibrate` stores in a model bundle: per factor (in the model's order) the null distribution of
 * its scores, and what the null windows were.
 *
 * @param method  how the null windows were made, e.g. "dinucleotide-shuffled windows of hg19.fa"
 * @param windows how many null windows were scored
 * @param seed    the seed that drew and shuffled them
 */
public record Calibration(String method, long windows, long seed, List<NullDistribution> factors) {
    public Calibration {
        factors = List.copyOf(factors);
    }

    /** The p-value of factor f's score. */
    public double pValue(int factor, float score) {
        return factors.get(factor).pValue(score);
    }
}
