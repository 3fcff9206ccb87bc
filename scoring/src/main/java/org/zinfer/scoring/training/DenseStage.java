package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.kernels.Mirror;
import org.zinfer.scoring.kernels.Sgemm;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.LayerSpec;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Dense layer, forward and backward over a batch, with optional dropout of its input while training:
 * each input kept with probability 1 - rate and then divided by it (inverted dropout, as DL4J's).
 */
final class DenseStage {
    final int inputs;
    final int units;
    final Activation activation;
    private final double dropout;
    private final SplittableRandom random;
    final Variable weights;
    final Variable bias;
    private final Mirror input = new Mirror(1);
    private final Mirror product = new Mirror(1);
    private final Mirror inputGradient = new Mirror(1);
    private float[] preActivation = new float[1];
    private float[] output = new float[1];
    /** Per input, 0 or 1 / (1 - rate) in the last training forward pass; null when nothing was dropped. */
    private float[] mask;
    private int batch;

    DenseStage(LayerSpec.Dense spec, int inputs, double dropout, SplittableRandom random, ComputationGraph network) {
        this.inputs = inputs;
        this.dropout = dropout;
        this.random = random;
        this.units = spec.units();
        this.activation = spec.activation();
        this.weights = new Variable(network, spec.name(), "W");
        this.bias = new Variable(network, spec.name(), "b");
    }

    /** x [batch][inputs] → activated output [batch][units]; training: drop inputs. */
    float[] forward(float[] x, int batch, boolean training) {
        this.batch = batch;
        input.ensure((long) batch * inputs);
        System.arraycopy(x, 0, input.heap, 0, batch * inputs);
        mask = training && dropout > 0 ? dropInputs(batch * inputs) : null;
        input.push(batch * inputs);
        product.ensure((long) batch * units);
        Sgemm.multiply(batch, units, inputs, input.device, 0, inputs, weights.value.device, 0, units, 0f, product.device, 0, units);
        float[] z = product.pull(batch * units).heap;
        preActivation = ConvolutionStage.grow(preActivation, batch * units);
        output = ConvolutionStage.grow(output, batch * units);
        float[] b = bias.values();
        for (int n = 0; n < batch; n++) {
            for (int u = 0; u < units; u++) {
                preActivation[n * units + u] = z[n * units + u] + b[u];
            }
        }
        Derivatives.activate(activation, preActivation, output, batch * units);
        return output;
    }

    /**
     * From the gradient for the pre-activation (the output layer's, from the loss) or for the output: sets the
     * parameters' gradients when asked to, and returns the gradient for the input.
     */
    float[] backward(float[] gradient, boolean ofPreActivation, boolean parameters) {
        if (!ofPreActivation) {
            Derivatives.multiplyByDerivative(activation, preActivation, output, gradient, batch * units);
        }
        System.arraycopy(gradient, 0, product.heap, 0, batch * units);
        product.push(batch * units);
        if (parameters) {
            parameterGradients(gradient);
        }
        inputGradient.ensure((long) batch * inputs);
        Sgemm.multiply(false, true, batch, inputs, units, product.device, 0, units, weights.value.device, 0, units,
                0f, inputGradient.device, 0, inputs);
        float[] result = Arrays.copyOf(inputGradient.pull(batch * inputs).heap, batch * inputs);
        if (mask != null) {
            for (int i = 0; i < result.length; i++) {
                result[i] *= mask[i];
            }
        }
        return result;
    }

    private void parameterGradients(float[] gradient) {
        Sgemm.multiply(true, false, inputs, units, batch, input.device, 0, inputs, product.device, 0, units,
                0f, weights.gradient.device, 0, units);
        weights.gradient.pull(inputs * units);
        float[] db = bias.gradients();
        Arrays.fill(db, 0, units, 0f);
        for (int n = 0; n < batch; n++) {
            for (int u = 0; u < units; u++) {
                db[u] += gradient[n * units + u];
            }
        }
    }

    private float[] dropInputs(int size) {
        float[] drawn = HostSteps.dropoutMask(random, dropout, size);
        for (int i = 0; i < size; i++) {
            input.heap[i] *= drawn[i];
        }
        return drawn;
    }
}
