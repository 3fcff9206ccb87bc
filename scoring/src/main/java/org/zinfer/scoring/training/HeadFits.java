package org.zinfer.scoring.training;

import org.zinfer.formats.InputException;
import org.zinfer.scoring.evaluation.FactorMetrics;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A frozen trunk's head fitted exactly ({@link LogisticHead}) under each penalty of a grid, strongest first, the
 * one with the lowest validation loss kept. On a few thousand windows with a few hundred positives per factor
 * the penalty matters more than anything else about the head: stochastic training stopped early on the same
 * features reached a lower test ROC AUC than the penalised optimum (README, real-data results).
 */
public final class HeadFits {
    /** Half decades: from a head that barely moves off the base rate to one that nearly fits each window. */
    static final double[] PENALTIES = {0.3, 0.1, 0.03, 0.01, 0.003, 0.001};

    /** One fit: its penalty, mean training and validation cross-entropy, mean validation ROC AUC. */
    public record Fit(double l2, double loss, double validationLoss, double validationAuc) {
    }

    private final List<Fit> fits;
    private final LogisticHead best;
    private final Fit chosen;

    private HeadFits(List<Fit> fits, LogisticHead best, Fit chosen) {
        this.fits = fits;
        this.best = best;
        this.chosen = chosen;
    }

    /** l2: a fixed penalty, or null to choose from {@link #PENALTIES} by validation loss; factors fitted on up to threads threads. */
    public static HeadFits of(FeatureExamples train, FeatureExamples validation, Double l2, int threads, PrintStream log) {
        requireValid(l2);
        double[] penalties = l2 != null ? new double[] {l2} : PENALTIES;
        List<Fit> fits = new ArrayList<>();
        LogisticHead head = null;
        LogisticHead best = null;
        Fit chosen = null;
        for (double penalty : penalties) {
            long started = System.nanoTime();
            head = head == null ? LogisticHead.fit(train, penalty, threads) : head.refit(train, penalty, threads);
            float[] scores = head.scores(validation);
            Fit fit = new Fit(penalty, FactorMetrics.crossEntropy(head.scores(train), train.labels()),
                    FactorMetrics.crossEntropy(scores, validation.labels()), meanRocAuc(scores, validation));
            fits.add(fit);
            boolean better = chosen == null || fit.validationLoss() < chosen.validationLoss();
            log.printf("zinfer: head fitted with L2 penalty %s: loss %.4f, validation loss %.4f, validation AUC %.4f%s, %.1f s%n",
                    penalty, fit.loss(), fit.validationLoss(), fit.validationAuc(), better ? " (best)" : "", (System.nanoTime() - started) / 1e9);
            if (better) {
                chosen = fit;
                best = head;
            }
        }
        return new HeadFits(Collections.unmodifiableList(fits), best, chosen);
    }

    /** Refuses a penalty that is not above 0 (null: chosen by validation loss) before any work is done. */
    public static void requireValid(Double l2) {
        if (l2 != null && !(l2 > 0)) {
            throw new InputException("--head-l2 must be above 0, got " + l2);
        }
    }

    private static double meanRocAuc(float[] scores, FeatureExamples examples) {
        List<String> factors = IntStream.range(0, examples.factors()).mapToObj(String::valueOf).toList();
        return FactorMetrics.of(factors, scores, examples.labels()).meanRocAuc();
    }

    public LogisticHead best() {
        return best;
    }

    public Fit chosen() {
        return chosen;
    }

    public List<Fit> all() {
        return fits;
    }
}
