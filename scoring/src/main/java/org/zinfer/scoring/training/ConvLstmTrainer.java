package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.kernels.Sgemm;
import org.zinfer.scoring.model.Architecture;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trains conv → (Bi)LSTM → [Dropout] → Dense networks with sigmoid outputs on the CPU: {@link ConvLstmBackprop}'s
 * gradient and {@link Adam}, on parameters read from a DL4J network and written back into it on request.
 * DL4J's own training does the same arithmetic several times slower; networks of other forms stay with DL4J,
 * and {@link DeviceTrainer} takes the same steps on a GPU.
 */
public final class ConvLstmTrainer implements BatchTrainer {
    private final ConvLstmBackprop backprop;
    private final List<Variable> variables;
    private final Adam adam;
    private final int threads;

    private ConvLstmTrainer(ConvLstmBackprop backprop, double learningRate, double beta1, int threads) {
        this.backprop = backprop;
        this.variables = backprop.variables();
        this.adam = new Adam(variables, learningRate, beta1, 0.999, 1e-7);
        this.threads = threads;
    }

    /** A trainer for the network's current parameters, or empty when the network is not of its kind. */
    public static Optional<ConvLstmTrainer> of(Architecture architecture, ComputationGraph network, double learningRate, double beta1,
                                               int threads, long seed) {
        return ConvLstmBackprop.of(architecture, network, seed).map(b -> new ConvLstmTrainer(b, learningRate, beta1, threads));
    }

    @Override
    public String describe() {
        return "zinfer CPU trainer (BLAS, " + threads + " thread(s))";
    }

    /** One Adam step on a batch of windows ([batch][4][length] one-hot, labels [batch][outputs]); returns the batch's loss. */
    @Override
    public double fit(float[] inputs, float[] labels, int batch) {
        Sgemm.threads(threads);
        double loss = backprop.gradient(inputs, labels, batch);
        adam.step();
        return loss;
    }

    /** Writes the current parameters into the network (whose layers these parameters were read from). */
    @Override
    public void store(ComputationGraph network) {
        variables.forEach(v -> v.store(network));
    }

    @Override
    public float[] optimizerState() {
        return adam.state();
    }

    @Override
    public void restoreOptimizerState(float[] state) {
        adam.restore(state);
    }

    /** The gradient of the batch's loss, variable by variable ("layer_key"), after {@link #fit} or {@link #gradient}. */
    public Map<String, float[]> gradients() {
        Map<String, float[]> result = new LinkedHashMap<>();
        variables.forEach(v -> result.put(v.layer + "_" + v.key, Arrays.copyOf(v.gradients(), v.size())));
        return result;
    }

    /** The loss and its gradient for one batch, without a step. */
    public double gradient(float[] inputs, float[] labels, int batch) {
        Sgemm.threads(threads);
        return backprop.gradient(inputs, labels, batch);
    }
}
