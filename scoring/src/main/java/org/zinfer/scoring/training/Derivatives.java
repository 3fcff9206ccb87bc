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
        if (activation.kind() != Activation.Kind.LINEAR) {
            for (int i = 0; i < n; i++) {
                gradient[i] = times(activation, z[i], a[i], gradient[i]);
            }
        }
    }

    /** gradient × f'(z), given z and a = f(z). */
    static float times(Activation activation, float z, float a, float gradient) {
        return switch (activation.kind()) {
            case LINEAR -> gradient;
            case RELU -> z > 0 ? gradient : 0f;
            case LEAKY_RELU -> z > 0 ? gradient : (float) activation.alpha() * gradient;
            case SIGMOID -> gradient * (a * (1 - a));
            case TANH -> gradient * (1 - a * a);
            case SOFTMAX -> throw new IllegalArgumentException("softmax layers are not trained by the zinfer CPU trainer");
        };
    }
}
