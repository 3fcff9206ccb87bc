package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.device.DeviceStream;
import org.zinfer.scoring.device.DeviceStream.Buffer;
import org.zinfer.scoring.kernels.AdamRule;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * {@link ConvLstmTrainer}'s steps on a device ({@link DeviceStream}): the same forward pass, cross-entropy, gradient
 * and Adam ({@link AdamRule}, the device's adam_step), with every value kept in device memory; per batch only the
 * windows and the dropout masks go up and the probabilities come down. Convolutions are products over unfolded
 * input rows, the LSTM one product per step and direction, parameter gradients products over the whole batch, bias
 * gradients products with a row of ones; every element-wise kernel writes each value from one thread in a fixed order.
 * The gradient is the CPU trainer's up to the order of float sums; dropout masks are drawn from the same random
 * stream, and the variables and optimizer state are laid out alike, so either trainer resumes the other's checkpoint.
 */
public final class DeviceTrainer implements BatchTrainer {
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-7;
    private final DeviceStream stream;
    private final String device;
    private final int windowLength;
    private final List<Convolution> convolutions = new ArrayList<>();
    private final Lstm lstm;
    private final List<Dense> dense = new ArrayList<>();
    private final List<DeviceVariable> variables = new ArrayList<>();
    private final double learningRate;
    private final double beta1;
    private final SplittableRandom random;
    private long steps;
    private int capacity;
    private Buffer input;
    private Buffer ones;
    private Buffer lossGradient;
    private float[] positionsFirst = new float[0];

    /** One variable on the device: values, gradient and Adam's two moments. */
    private static final class DeviceVariable {
        final TrainableForm.VariableName name;
        final int size;
        final Buffer value;
        final Buffer gradient;
        final Buffer first;
        final Buffer second;

        DeviceVariable(DeviceStream stream, TrainableForm.VariableName name, float[] values) {
            this.name = name;
            this.size = values.length;
            this.value = stream.constant(values);
            this.gradient = stream.allocateFloats(size);
            this.first = stream.allocateFloats(size);
            this.second = stream.allocateFloats(size);
        }
    }

    private DeviceTrainer(TrainableForm form, Parameters parameters, DeviceStream stream, String device, double learningRate,
                          double beta1, long seed) {
        this.stream = stream;
        this.device = device;
        this.windowLength = form.windowLength();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.random = new SplittableRandom(seed);
        int length = windowLength;
        int channels = OneHot.CHANNELS;
        for (ConvolutionBlocks.Block block : form.convolutions()) {
            convolutions.add(new Convolution(block, channels, length, !convolutions.isEmpty(), parameters));
            channels = block.convolution().filters();
            length = block.outputLength(length);
        }
        lstm = new Lstm(form, channels, length, parameters);
        int features = lstm.features();
        for (TrainableForm.DenseLayer layer : form.dense()) {
            dense.add(new Dense(layer, features, parameters));
            features = layer.spec().units();
        }
    }

    /**
     * A trainer on this stream for a network of the architecture holding these parameters (DL4J's layouts), or empty
     * when the network is not of the form zinfer trains; seed: the dropout masks'.
     */
    public static Optional<DeviceTrainer> of(Architecture architecture, Parameters parameters, DeviceStream stream, String device,
                                             double learningRate, double beta1, long seed) {
        return TrainableForm.of(architecture).map(form -> new DeviceTrainer(form, parameters, stream, device, learningRate, beta1, seed));
    }

    private DeviceVariable variable(Parameters parameters, String layer, String key) {
        DeviceVariable variable = new DeviceVariable(stream, new TrainableForm.VariableName(layer, key), parameters.get(layer, key));
        variables.add(variable);
        return variable;
    }

    @Override
    public String describe() {
        return "zinfer device trainer (" + device + ")";
    }

    @Override
    public double fit(float[] inputs, float[] labels, int batch) {
        double loss = gradient(inputs, labels, batch);
        steps++;
        float rate = AdamRule.rate(learningRate, beta1, BETA2, steps);
        for (DeviceVariable v : variables) {
            stream.adamStep(v.value, v.gradient, v.first, v.second, v.size, rate, (float) beta1, (float) BETA2, (float) EPSILON);
        }
        return loss;
    }

    /** The loss of a batch, leaving its gradient in the variables, without a step. */
    public double gradient(float[] inputs, float[] labels, int batch) {
        float[] p = forward(inputs, batch);
        float[] gradient = new float[batch * outputs()];
        double loss = HostSteps.crossEntropy(p, labels, batch, gradient.length, gradient);
        stream.upload(gradient, gradient.length, lossGradient);
        backward(batch);
        return loss;
    }

    private int outputs() {
        return dense.get(dense.size() - 1).units;
    }

    private float[] forward(float[] channelsFirst, int batch) {
        reserve(batch);
        int size = batch * windowLength * OneHot.CHANNELS;
        positionsFirst = positionsFirst.length < size ? new float[size] : positionsFirst;
        stream.upload(HostSteps.positionsFirst(channelsFirst, batch, windowLength, positionsFirst), size, input);
        Buffer activations = input;
        for (Convolution c : convolutions) {
            activations = c.forward(activations, batch);
        }
        activations = lstm.forward(activations, batch);
        for (Dense d : dense) {
            activations = d.forward(activations, batch);
        }
        float[] p = new float[batch * outputs()];
        stream.download(activations, p.length, p);
        return p;
    }

    private void backward(int batch) {
        Buffer gradient = lossGradient;
        for (int d = dense.size() - 1; d >= 0; d--) {
            gradient = dense.get(d).backward(gradient, batch, d == dense.size() - 1);
        }
        gradient = lstm.backward(gradient, batch);
        for (int c = convolutions.size() - 1; c >= 0; c--) {
            gradient = convolutions.get(c).backward(gradient, batch);
        }
    }

    /** Device memory for batches of up to this many windows (a larger batch allocates anew). */
    private void reserve(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        input = stream.allocateFloats((long) batch * windowLength * OneHot.CHANNELS);
        lossGradient = stream.allocateFloats((long) batch * outputs());
        // the most rows a bias gradient sums: no layer has more positions than the window
        float[] one = new float[batch * windowLength];
        Arrays.fill(one, 1f);
        ones = stream.constant(one);
        convolutions.forEach(c -> c.allocate(batch));
        lstm.allocate(batch);
        dense.forEach(d -> d.allocate(batch));
    }

    /** db[n] = the sum over rows of gradient[row][n], as the product of a row of ones with the gradient. */
    private void biasGradient(Buffer gradient, int rows, int n, DeviceVariable bias) {
        stream.multiply(1, n, rows, ones, 0, rows, gradient, 0, n, false, bias.gradient, 0, n);
    }

    @Override
    public void store(ComputationGraph network) {
        parameters().forEach((name, values) -> Variable.store(network, name.layer(), name.key(), values));
    }

    /** The current parameters by variable, in DL4J's layouts. */
    Map<TrainableForm.VariableName, float[]> parameters() {
        return download(v -> v.value);
    }

    /** The gradient of the last batch by variable ("layer_key"), as {@link ConvLstmTrainer#gradients()} gives it. */
    public Map<String, float[]> gradients() {
        Map<String, float[]> result = new LinkedHashMap<>();
        download(v -> v.gradient).forEach((name, values) -> result.put(name.toString(), values));
        return result;
    }

    private Map<TrainableForm.VariableName, float[]> download(Function<DeviceVariable, Buffer> part) {
        Map<TrainableForm.VariableName, float[]> result = new LinkedHashMap<>();
        for (DeviceVariable v : variables) {
            result.put(v.name, download(part.apply(v), v.size));
        }
        return result;
    }

    private float[] download(Buffer buffer, int count) {
        float[] values = new float[count];
        stream.download(buffer, count, values);
        return values;
    }

    @Override
    public float[] optimizerState() {
        List<float[]> first = new ArrayList<>();
        List<float[]> second = new ArrayList<>();
        for (DeviceVariable v : variables) {
            first.add(download(v.first, v.size));
            second.add(download(v.second, v.size));
        }
        return new AdamState(steps, first, second).flat();
    }

    @Override
    public void restoreOptimizerState(float[] state) {
        AdamState restored = AdamState.of(state, variables.stream().mapToInt(v -> v.size).toArray());
        steps = restored.steps();
        for (int v = 0; v < variables.size(); v++) {
            DeviceVariable variable = variables.get(v);
            stream.upload(restored.first().get(v), variable.size, variable.first);
            stream.upload(restored.second().get(v), variable.size, variable.second);
        }
    }

    /** A Conv1D and its max pooling: products over the unfolded input rows. */
    private final class Convolution {
        final ConvolutionBlocks.Block block;
        final int channels;
        final int inputLength;
        final int convolved;
        final int pooled;
        final int filters;
        final int width;
        final boolean wantInput;
        final Activation activation;
        final DeviceVariable weights;
        final DeviceVariable bias;
        Buffer unfolded;
        Buffer product;
        Buffer output;
        Buffer winners;
        Buffer inputGradient;

        Convolution(ConvolutionBlocks.Block block, int channels, int inputLength, boolean wantInput, Parameters parameters) {
            this.block = block;
            this.channels = channels;
            this.inputLength = inputLength;
            this.convolved = block.convolvedLength(inputLength);
            this.pooled = block.outputLength(inputLength);
            this.filters = block.convolution().filters();
            this.width = block.kernel() * channels;
            this.wantInput = wantInput;
            this.activation = block.convolution().activation();
            this.weights = variable(parameters, block.convolution().name(), "W");
            this.bias = variable(parameters, block.convolution().name(), "b");
        }

        void allocate(int batch) {
            unfolded = stream.allocateFloats((long) batch * convolved * width);
            product = stream.allocateFloats((long) batch * convolved * filters);
            output = stream.allocateFloats((long) batch * pooled * filters);
            winners = stream.allocateFloats((long) batch * pooled * filters);
            inputGradient = wantInput ? stream.allocateFloats((long) batch * inputLength * channels) : null;
        }

        Buffer forward(Buffer x, int batch) {
            stream.unfold(x, batch, inputLength, channels, block.kernel(), block.leftPad(), convolved, unfolded);
            stream.multiply(batch * convolved, filters, width, unfolded, 0, width, weights.value, 0, filters, false, product, 0, filters);
            stream.poolKeep(product, batch, convolved, block.pool(), pooled, filters, bias.value, activation, output, winners);
            return output;
        }

        /** From the gradient of the output (changed in place): the parameters' gradients, and the input's (null for the first layer). */
        Buffer backward(Buffer gradient, int batch) {
            stream.multiplyByDerivative(activation, output, gradient, (long) batch * pooled * filters);
            biasGradient(gradient, batch * pooled, filters, bias);
            stream.unpool(gradient, winners, batch, convolved, block.pool(), pooled, filters, product);
            stream.multiply(true, false, width, filters, batch * convolved, unfolded, 0, width, product, 0, filters, false,
                    weights.gradient, 0, filters);
            if (!wantInput) {
                return null;
            }
            stream.multiply(false, true, batch * convolved, width, filters, product, 0, filters, weights.value, 0, filters, false,
                    unfolded, 0, width);
            stream.fold(unfolded, batch, inputLength, channels, block.kernel(), block.leftPad(), convolved, inputGradient);
            return inputGradient;
        }
    }

    /** The (Bi)LSTM: one input projection per direction, then a recurrent product and a step kernel per time. */
    private final class Lstm {
        final int channels;
        final int units;
        final int steps;
        final Direction[] directions;
        Buffer sequence;
        Buffer features;
        Buffer inputGradient;
        Buffer recurrentProduct;
        Buffer hiddenGradient;
        Buffer cellGradient;

        private final class Direction {
            final boolean reversed;
            final DeviceVariable input;
            final DeviceVariable recurrent;
            final DeviceVariable bias;
            /** The input projection; in the backward pass, the pre-activations' gradient. */
            Buffer projection;
            Buffer gates;
            Buffer cells;
            Buffer tanhCells;
            Buffer previousHidden;

            Direction(String layer, boolean reversed, Parameters parameters) {
                this.reversed = reversed;
                this.input = variable(parameters, layer, "W");
                this.recurrent = variable(parameters, layer, "RW");
                this.bias = variable(parameters, layer, "b");
            }

            int time(int step) {
                return reversed ? steps - 1 - step : step;
            }
        }

        Lstm(TrainableForm form, int channels, int steps, Parameters parameters) {
            this.channels = channels;
            this.units = form.lstm().units();
            this.steps = steps;
            List<String> layers = form.lstmLayers();
            this.directions = new Direction[layers.size()];
            for (int d = 0; d < layers.size(); d++) {
                directions[d] = new Direction(layers.get(d), d == 1, parameters);
            }
        }

        int features() {
            return directions.length * units;
        }

        void allocate(int batch) {
            long rows = (long) batch * steps;
            for (Direction d : directions) {
                d.projection = stream.allocateFloats(rows * 4 * units);
                d.gates = stream.allocateFloats(rows * 4 * units);
                d.cells = stream.allocateFloats(rows * units);
                d.tanhCells = stream.allocateFloats(rows * units);
                d.previousHidden = stream.allocateFloats(rows * units);
            }
            features = stream.allocateFloats((long) batch * features());
            inputGradient = stream.allocateFloats(rows * channels);
            recurrentProduct = stream.allocateFloats((long) batch * 4 * units);
            hiddenGradient = stream.allocateFloats((long) batch * units);
            cellGradient = stream.allocateFloats((long) batch * units);
        }

        Buffer forward(Buffer x, int batch) {
            sequence = x;
            int gates = 4 * units;
            stream.zero(features, 0, (long) batch * features());
            for (int d = 0; d < directions.length; d++) {
                Direction direction = directions[d];
                stream.multiply(batch * steps, gates, channels, x, 0, channels, direction.input.value, 0, gates, false, direction.projection, 0, gates);
                for (int s = 0; s < steps; s++) {
                    if (s > 0) {
                        stream.multiply(batch, gates, units, features, (long) d * units, features(), direction.recurrent.value, 0, gates, false,
                                recurrentProduct, 0, gates);
                    }
                    stream.lstmForward(batch, units, steps, direction.time(s), s > 0 ? direction.time(s - 1) : -1, direction.projection,
                            direction.bias.value, s > 0 ? recurrentProduct : null, direction.gates, direction.cells, direction.tanhCells,
                            direction.previousHidden, features, features(), d * units);
                }
            }
            return features;
        }

        Buffer backward(Buffer featureGradient, int batch) {
            int gates = 4 * units;
            int rows = batch * steps;
            for (int d = 0; d < directions.length; d++) {
                Direction direction = directions[d];
                throughTime(direction, featureGradient, d * units, batch);
                Buffer dz = direction.projection;
                stream.multiply(true, false, units, gates, rows, direction.previousHidden, 0, units, dz, 0, gates, false,
                        direction.recurrent.gradient, 0, gates);
                stream.multiply(true, false, channels, gates, rows, sequence, 0, channels, dz, 0, gates, false, direction.input.gradient, 0, gates);
                biasGradient(dz, rows, gates, direction.bias);
                stream.multiply(false, true, rows, channels, gates, dz, 0, gates, direction.input.value, 0, gates, d > 0, inputGradient, 0, channels);
            }
            return inputGradient;
        }

        /** The pre-activations' gradient of every step into the direction's projection buffer, from its final state's gradient. */
        private void throughTime(Direction direction, Buffer featureGradient, int featureOffset, int batch) {
            int gates = 4 * units;
            stream.zero(cellGradient, 0, (long) batch * units);
            for (int s = steps - 1; s >= 0; s--) {
                int t = direction.time(s);
                boolean last = s == steps - 1;
                stream.lstmBackward(batch, units, steps, t, s > 0 ? direction.time(s - 1) : -1, direction.gates, direction.cells,
                        direction.tanhCells, last ? featureGradient : hiddenGradient, last ? features() : units, last ? featureOffset : 0,
                        cellGradient, direction.projection);
                if (s > 0) {
                    stream.multiply(false, true, batch, units, gates, direction.projection, (long) t * gates, steps * gates,
                            direction.recurrent.value, 0, gates, false, hiddenGradient, 0, units);
                }
            }
        }
    }

    /** A Dense layer, with inverted dropout of its input while training. */
    private final class Dense {
        final int inputs;
        final int units;
        final double dropout;
        final Activation activation;
        final DeviceVariable weights;
        final DeviceVariable bias;
        Buffer dropped;
        Buffer mask;
        Buffer output;
        Buffer inputGradient;
        Buffer input;

        Dense(TrainableForm.DenseLayer layer, int inputs, Parameters parameters) {
            this.inputs = inputs;
            this.units = layer.spec().units();
            this.dropout = layer.dropout();
            this.activation = layer.spec().activation();
            this.weights = variable(parameters, layer.spec().name(), "W");
            this.bias = variable(parameters, layer.spec().name(), "b");
        }

        void allocate(int batch) {
            long size = (long) batch * inputs;
            dropped = dropout > 0 ? stream.allocateFloats(size) : null;
            mask = dropout > 0 ? stream.allocateFloats(size) : null;
            output = stream.allocateFloats((long) batch * units);
            inputGradient = stream.allocateFloats(size);
        }

        Buffer forward(Buffer x, int batch) {
            input = x;
            if (dropout > 0) {
                float[] drawn = HostSteps.dropoutMask(random, dropout, batch * inputs);
                stream.upload(drawn, drawn.length, mask);
                stream.multiplyElements(x, mask, dropped, drawn.length);
                input = dropped;
            }
            stream.multiply(batch, units, inputs, input, 0, inputs, weights.value, 0, units, false, output, 0, units);
            stream.biasActivate(output, batch, units, bias.value, activation);
            return output;
        }

        /** From the gradient of the output, or of the pre-activation for the output layer: parameter gradients and the input's. */
        Buffer backward(Buffer gradient, int batch, boolean ofPreActivation) {
            if (!ofPreActivation) {
                stream.multiplyByDerivative(activation, output, gradient, (long) batch * units);
            }
            stream.multiply(true, false, inputs, units, batch, input, 0, inputs, gradient, 0, units, false, weights.gradient, 0, units);
            biasGradient(gradient, batch, units, bias);
            stream.multiply(false, true, batch, inputs, units, gradient, 0, units, weights.value, 0, units, false, inputGradient, 0, inputs);
            if (dropout > 0) {
                stream.multiplyElements(inputGradient, mask, inputGradient, (long) batch * inputs);
            }
            return inputGradient;
        }
    }
}
