package org.zinfer.scoring.calibration;

import org.zinfer.formats.track.WindowReading;

import java.util.List;

/**
 * What `zinfer calibrate` stores in a model bundle: per factor (in the model's order) the null distribution of
 * its scores, and what the null windows were.
 *
 * @param method  how the null windows were made, e.g. "dinucleotide-shuffled windows of hg19.fa"
 * @param windows how many null windows were scored
 * @param seed    the seed that drew and shuffled them
 * @param strands 2 when each null window's score was the mean of both strands' (calibrate --reverse-complement),
 *                as a scan with --reverse-complement scores; 1 otherwise
 * @param shifts  how many shifted copies each null window's score was the mean of (calibrate --shifts; 0, read from
 *                calibrations made before zinfer recorded it, means 1)
 * @param snvEffects per factor the null distribution of |ALT − REF| for a random SNV at the centre of each null
 *                   window (the base zinfer variants puts there); null in calibrations made before zinfer made it
 */
public record Calibration(String method, long windows, long seed, int strands, int shifts, List<NullDistribution> factors,
                          List<NullDistribution> snvEffects) {
    public Calibration {
        factors = List.copyOf(factors);
        snvEffects = snvEffects == null ? null : List.copyOf(snvEffects);
    }

    /** How the null windows were read. */
    public WindowReading reading() {
        return new WindowReading(strands, shifts);
    }

    /** The p-value of factor f's score. */
    public double pValue(int factor, float score) {
        return factors.get(factor).pValue(score);
    }

    /** The p-value of a variant's effect on factor f, |ALT − REF|, among random SNVs of null windows. */
    public double snvPValue(int factor, float effect) {
        return snvEffects.get(factor).pValue(Math.abs(effect));
    }
}
