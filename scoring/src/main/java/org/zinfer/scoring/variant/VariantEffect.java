package org.zinfer.scoring.variant;

/**
 * What one ALT allele does to each factor's binding score: the reference and alternative windows' scores
 * (averaged over both strands when asked), or the reason it could not be scored.
 */
public record VariantEffect(float[] ref, float[] alt, String skipped) {
    private static final double CLIP = 1e-7;

    public static VariantEffect skipped(String reason) {
        return new VariantEffect(null, null, reason);
    }

    public boolean scored() {
        return skipped == null;
    }

    public float diff(int factor) {
        return alt[factor] - ref[factor];
    }

    /** logit(alt) - logit(ref), probabilities clipped to [1e-7, 1 - 1e-7]. */
    public float logOddsDiff(int factor) {
        return (float) (logit(alt[factor]) - logit(ref[factor]));
    }

    private static double logit(double p) {
        double q = Math.min(1 - CLIP, Math.max(CLIP, p));
        return Math.log(q / (1 - q));
    }
}
