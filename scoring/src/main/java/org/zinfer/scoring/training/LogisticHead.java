package org.zinfer.scoring.training;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.factory.Nd4j;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * A frozen trunk's head, Dense(factors, sigmoid) over its features, is one logistic regression per factor; this
 * fits each exactly: the weights minimising the mean binary cross-entropy plus (l2 / 2) |w|² (the bias not
 * penalised), by Newton's method with a backtracking line search. Unlike stochastic training it has no epochs,
 * batch or learning rate to choose, reaches the optimum, and its bits depend only on the features (StrictMath,
 * whose exp and log1p are the same bits on every machine and JIT tier; Math's intrinsics need not be).
 */
public final class LogisticHead {
    private static final int MAX_ITERATIONS = 100;
    private static final double TOLERANCE = 1e-14;

    private final int width;
    private final int factors;
    /** Per factor: width weights, then the bias. */
    private final double[][] coefficients;

    private LogisticHead(int width, int factors, double[][] coefficients) {
        this.width = width;
        this.factors = factors;
        this.coefficients = coefficients;
    }

    /** Fits every factor from zero weights, factors on up to threads threads (each factor's fit is the same bits on any). */
    public static LogisticHead fit(FeatureExamples examples, double l2, int threads) {
        return new LogisticHead(examples.width(), examples.factors(), new double[examples.factors()][examples.width() + 1]).refit(examples, l2, threads);
    }

    /** Fits every factor again under another penalty, starting from these weights (fewer Newton steps nearby). */
    public LogisticHead refit(FeatureExamples examples, double l2, int threads) {
        double[][] fitted = new double[factors][];
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Math.min(threads, factors)));
        try {
            pool.submit(() -> IntStream.range(0, factors).parallel()
                    .forEach(f -> fitted[f] = new Factor(examples, f, l2).minimise(coefficients[f].clone()))).join();
        } finally {
            pool.shutdown();
        }
        return new LogisticHead(width, factors, fitted);
    }

    /** Probabilities, [example][factor]. */
    public float[] scores(FeatureExamples examples) {
        int n = (int) examples.size();
        float[] scores = new float[n * factors];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < factors; f++) {
                scores[i * factors + f] = (float) sigmoid(logit(coefficients[f], examples.features(), i * width, width));
            }
        }
        return scores;
    }

    /** A factor's weights, then its bias. */
    double[] coefficients(int factor) {
        return coefficients[factor].clone();
    }

    /** Sets the weights (W, nIn × nOut) and bias (b) of a Dense layer of width inputs and factors outputs. */
    public void copyInto(Layer dense) {
        float[][] weights = new float[width][factors];
        float[][] bias = new float[1][factors];
        for (int f = 0; f < factors; f++) {
            for (int j = 0; j < width; j++) {
                weights[j][f] = (float) coefficients[f][j];
            }
            bias[0][f] = (float) coefficients[f][width];
        }
        dense.setParam("W", Nd4j.create(weights));
        dense.setParam("b", Nd4j.create(bias));
    }

    private static double logit(double[] w, float[] features, int offset, int width) {
        double z = w[width];
        for (int j = 0; j < width; j++) {
            z += w[j] * features[offset + j];
        }
        return z;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }

    /** log(1 + e^z) without overflow. */
    private static double softplus(double z) {
        return z > 0 ? z + StrictMath.log1p(StrictMath.exp(-z)) : StrictMath.log1p(StrictMath.exp(z));
    }

    /** One factor's penalised loss, its gradient and Hessian. */
    private record Factor(FeatureExamples examples, int factor, double l2) {
        double[] minimise(double[] w) {
            int d = examples.width() + 1;
            double loss = loss(w);
            for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
                double[] gradient = new double[d];
                double[][] hessian = new double[d][d];
                derivatives(w, gradient, hessian);
                double[] step = Cholesky.solve(hessian, gradient);
                double decrease = 0;
                for (int j = 0; j < d; j++) {
                    decrease += step[j] * gradient[j];
                }
                if (decrease / 2 < TOLERANCE) {
                    return w;
                }
                double rate = 1;
                double[] next = moved(w, step, rate);
                double nextLoss = loss(next);
                while (nextLoss > loss - 0.25 * rate * decrease && rate > 1e-10) {
                    rate /= 2;
                    next = moved(w, step, rate);
                    nextLoss = loss(next);
                }
                w = next;
                loss = nextLoss;
            }
            return w;
        }

        private static double[] moved(double[] w, double[] step, double rate) {
            double[] next = w.clone();
            for (int j = 0; j < w.length; j++) {
                next[j] -= rate * step[j];
            }
            return next;
        }

        private double loss(double[] w) {
            int width = examples.width();
            int n = (int) examples.size();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double z = logit(w, examples.features(), i * width, width);
                sum += softplus(z) - label(i) * z;
            }
            return sum / n + l2 / 2 * squaredWeights(w);
        }

        private void derivatives(double[] w, double[] gradient, double[][] hessian) {
            int width = examples.width();
            int n = (int) examples.size();
            float[] features = examples.features();
            double[] x = new double[width + 1];
            x[width] = 1;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    x[j] = features[i * width + j];
                }
                double p = sigmoid(logit(w, features, i * width, width));
                double residual = p - label(i);
                double curvature = p * (1 - p);
                for (int a = 0; a <= width; a++) {
                    gradient[a] += residual * x[a];
                    double weighted = curvature * x[a];
                    double[] row = hessian[a];
                    for (int b = a; b <= width; b++) {
                        row[b] += weighted * x[b];
                    }
                }
            }
            for (int a = 0; a <= width; a++) {
                gradient[a] = gradient[a] / n + (a < width ? l2 * w[a] : 0);
                for (int b = a; b <= width; b++) {
                    hessian[a][b] = hessian[a][b] / n + (a == b && a < width ? l2 : 0);
                    hessian[b][a] = hessian[a][b];
                }
            }
        }

        private double label(int i) {
            return examples.labels()[i * examples.factors() + factor];
        }

        private double squaredWeights(double[] w) {
            double sum = 0;
            for (int j = 0; j < examples.width(); j++) {
                sum += w[j] * w[j];
            }
            return sum;
        }
    }

    /** Solves A x = b for a symmetric positive definite A (the penalised Hessian). */
    private static final class Cholesky {
        static double[] solve(double[][] a, double[] b) {
            int d = b.length;
            double[][] l = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = a[i][j];
                    for (int k = 0; k < j; k++) {
                        sum -= l[i][k] * l[j][k];
                    }
                    l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-300)) : sum / l[j][j];
                }
            }
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                double sum = b[i];
                for (int k = 0; k < i; k++) {
                    sum -= l[i][k] * y[k];
                }
                y[i] = sum / l[i][i];
            }
            double[] x = new double[d];
            for (int i = d - 1; i >= 0; i--) {
                double sum = y[i];
                for (int k = i + 1; k < d; k++) {
                    sum -= l[k][i] * x[k];
                }
                x[i] = sum / l[i][i];
            }
            return x;
        }
    }
}
