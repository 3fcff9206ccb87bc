package org.zinfer.scoring.calibration;

import java.util.Arrays;

/**
 * Benjamini-Hochberg over m p-values, of which only those at most the target rate are kept (only they can pass),
 * so that a genome's tens of millions of windows need no more memory than their candidates: q(p) = min over the
 * p-values p' ≥ p of p' m / rank(p').
 */
public final class FalseDiscovery {
    private final double[] candidates;
    private final double[] q;
    private final double threshold;

    /** candidates: the p-values ≤ rate among all m (in any order). */
    public FalseDiscovery(double[] candidates, long m, double rate) {
        this.candidates = candidates.clone();
        Arrays.sort(this.candidates);
        this.q = new double[this.candidates.length];
        double running = 1;
        double passing = -1;
        for (int k = this.candidates.length - 1; k >= 0; k--) {
            running = Math.min(running, this.candidates[k] * m / (k + 1));
            q[k] = running;
            if (passing < 0 && this.candidates[k] <= rate * (k + 1) / m) {
                passing = this.candidates[k];
            }
        }
        this.threshold = passing;
    }

    /** The largest p-value that passes (every p at most this does); negative when none does. */
    public double threshold() {
        return threshold;
    }

    /**
     * The q-value of a candidate p-value: exact when it is at most the rate (the terms of p-values above the rate
     * all exceed it), an upper bound otherwise.
     */
    public double qValue(double p) {
        int at = Arrays.binarySearch(candidates, p);
        if (at < 0) {
            at = -at - 2;
        }
        while (at + 1 < candidates.length && candidates[at + 1] == p) {
            at++;
        }
        return q[Math.max(0, at)];
    }
}
