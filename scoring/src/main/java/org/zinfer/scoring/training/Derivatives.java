package org.zinfer.scoring.training;

import jdk.incubator.vector.FloatVector;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Activation;

/** Element-wise activations on arrays and the derivatives backpropagation multiplies by. */
final class Derivatives {
    private Derivatives() {
    }

    /** a[i] = f(z[i]) for i < n. */
    static void activate(Activation activation, float[] z, float[] a, int n) {
        int i = 0;
        for (int bound = Simd.SPECIES.loopBound(n); i < bound; i += Simd.SPECIES.length()) {
            Simd.activate(activation, FloatVector.fromArray(Simd.SPECIES, z, i)).intoArray(a, i);
        }
        for (; i < n; i++) {
            a[i] = Simd.activate(activation, z[i]);
        }
    }

    /** gradient[i] *= f'(z[i]), given z and a = f(z), for i < n. */
    static void multiplyByDerivative(Activation activation, float[] z, float[] a, float[] gradient, int n) {
        switch (activation.kind()) {
            case LINEAR -> {
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    gradient[i] = z[i] > 0 ? gradient[i] : 0f;
                }
            }
            case LEAKY_RELU -> {
                float alpha = (float) activation.alpha();
                for (int i = 0; i < n; i++) {
                    gradient[i] = z[i] > 0 ? gradient[i] : alpha * gradient[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    gradient[i] *= a[i] * (1 - a[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    gradient[i] *= 1 - a[i] * a[i];
                }
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax layers are not trained by the zinfer CPU trainer");
        }
    }
}
