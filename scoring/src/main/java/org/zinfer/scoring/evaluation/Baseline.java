package org.zinfer.scoring.evaluation;

/**
 * A simple score's metrics on the same windows as the model's, for the report to stand beside it: "gc" (G+C
 * fraction) or "pwm" (a motif scan; factors without a matrix have NaN metrics).
 */
public record Baseline(String name, String description, FactorMetrics metrics) {
}
