package org.zinfer.scoring.kernels;

/**
 * One Adam update as DL4J's AdamUpdater makes it, in float arithmetic, element by element: the one statement of it
 * that the CPU trainer follows and the device's adam_step (kernels.cu) repeats operation for operation, so that
 * a step on either gives the same bits and a checkpoint of one trainer resumes in the other.
 */
public final class AdamRule {
    private AdamRule() {
    }

    /** The step size of step t (1 for the first): learningRate * sqrt(1 - beta2^t) / (1 - beta1^t), rounded to float. */
    public static float rate(double learningRate, double beta1, double beta2, long step) {
        return (float) (learningRate * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
    }

    /**
     * For count elements from the offsets: m = beta1 m + (1 - beta1) g; s = beta2 s + (1 - beta2) g g;
     * value -= rate m / (sqrt(s) + epsilon). The moments are kept in first and second.
     */
    public static void update(float[] values, int valueFrom, float[] gradients, int gradientFrom, float[] first, float[] second,
                              int momentFrom, int count, float rate, float beta1, float beta2, float epsilon) {
        for (int i = 0; i < count; i++) {
            float g = gradients[gradientFrom + i];
            float m = beta1 * first[momentFrom + i] + (1 - beta1) * g;
            float s = beta2 * second[momentFrom + i] + (1 - beta2) * g * g;
            first[momentFrom + i] = m;
            second[momentFrom + i] = s;
            values[valueFrom + i] -= rate * m / ((float) Math.sqrt(s) + epsilon);
        }
    }
}
