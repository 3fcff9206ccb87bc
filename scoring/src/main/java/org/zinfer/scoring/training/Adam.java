package org.zinfer.scoring.training;

import org.zinfer.scoring.kernels.AdamRule;

import java.util.List;

/** Adam as DL4J's AdamUpdater computes it ({@link AdamRule}), over a list of variables. */
final class Adam {
    private final List<Variable> variables;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final float[][] first;
    private final float[][] second;
    private long steps;

    Adam(List<Variable> variables, double learningRate, double beta1, double beta2, double epsilon) {
        this.variables = variables;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.first = new float[variables.size()][];
        this.second = new float[variables.size()][];
        for (int v = 0; v < variables.size(); v++) {
            first[v] = new float[variables.get(v).size()];
            second[v] = new float[variables.get(v).size()];
        }
    }

    /** Moves every variable against its gradient. */
    void step() {
        steps++;
        float rate = AdamRule.rate(learningRate, beta1, beta2, steps);
        for (int v = 0; v < variables.size(); v++) {
            Variable variable = variables.get(v);
            AdamRule.update(variable.values(), 0, variable.gradients(), 0, first[v], second[v], 0, first[v].length, rate,
                    (float) beta1, (float) beta2, (float) epsilon);
            variable.pushValues();
        }
    }

    /** Steps taken and both moment estimates, flat ({@link AdamState}), to be saved in a checkpoint. */
    float[] state() {
        return new AdamState(steps, List.of(first), List.of(second)).flat();
    }

    void restore(float[] state) {
        AdamState restored = AdamState.of(state, variables.stream().mapToInt(Variable::size).toArray());
        steps = restored.steps();
        for (int v = 0; v < variables.size(); v++) {
            System.arraycopy(restored.first().get(v), 0, first[v], 0, first[v].length);
            System.arraycopy(restored.second().get(v), 0, second[v], 0, second[v].length);
        }
    }
}
