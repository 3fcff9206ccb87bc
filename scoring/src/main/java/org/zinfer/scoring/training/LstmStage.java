package org.zinfer.scoring.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.kernels.LstmCell;
import org.zinfer.scoring.kernels.Mirror;
import org.zinfer.scoring.kernels.Sgemm;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * An LSTM returning its final state, or two of them reading the sequence in opposite directions with their
 * final states side by side, forward and backward (through time) over a batch, keeping what the backward pass
 * needs; each step's arithmetic is {@link LstmCell}'s, as in the inference engine. Rows are not padded to whole
 * vectors: the arrays the steps store into keep a vector of slack after their last row, so that a row's last,
 * partial vector is stored whole ({@link Simd#intoArray}).
 */
final class LstmStage {
    private static final int LANES = Simd.SPECIES.length();
    final int channels;
    final int units;
    private final Direction[] directions;
    /** Per gate lane, for {@link LstmCell#activate}. */
    private final float[] gateScale;
    private final float[] gateShift;
    private final Mirror sequence = new Mirror(1);
    private final Mirror inputGradient = new Mirror(1);
    private final Mirror projectionGradient = new Mirror(1);
    /** The projection gradient of the steps an explanation asks for, [batch][steps][4 units]. */
    private final Mirror wantedGradient = new Mirror(1);
    private int batch;
    private int steps;

    /** One direction's variables and what its forward pass keeps for the backward pass. */
    private static final class Direction {
        final boolean reversed;
        final Variable input;
        final Variable recurrent;
        final Variable bias;
        final Mirror projection = new Mirror(1);
        /** [batch][time][4 units], activated. */
        float[] gates = new float[1];
        /** [batch][time][units]. */
        float[] cells = new float[1];
        float[] tanhCells = new float[1];
        /** The hidden state before each time's step, [batch][time][units]. */
        final Mirror previousHidden = new Mirror(1);
        final Mirror hidden = new Mirror(1);
        final Mirror step = new Mirror(1);

        Direction(ComputationGraph network, String layer, boolean reversed) {
            this.reversed = reversed;
            this.input = new Variable(network, layer, "W");
            this.recurrent = new Variable(network, layer, "RW");
            this.bias = new Variable(network, layer, "b");
        }
    }

    LstmStage(LayerSpec.Lstm spec, int channels, ComputationGraph network) {
        this.channels = channels;
        this.units = spec.units();
        this.gateScale = LstmCell.scales(units, units);
        this.gateShift = LstmCell.shifts(units, units);
        this.directions = spec.bidirectional()
                ? new Direction[] {new Direction(network, spec.name() + NetworkBuilder.FORWARD, false),
                        new Direction(network, spec.name() + NetworkBuilder.BACKWARD, true)}
                : new Direction[] {new Direction(network, spec.name(), false)};
    }

    int features() {
        return directions.length * units;
    }

    Variable[] variables() {
        return Arrays.stream(directions).flatMap(d -> Stream.of(d.input, d.recurrent, d.bias)).toArray(Variable[]::new);
    }

    private int time(Direction direction, int step) {
        return direction.reversed ? steps - 1 - step : step;
    }

    /** input [batch][steps][channels] → final states [batch][directions * units]. */
    float[] forward(float[] input, int batch, int steps) {
        this.batch = batch;
        this.steps = steps;
        int rows = batch * steps;
        sequence.ensure((long) rows * channels);
        System.arraycopy(input, 0, sequence.heap, 0, rows * channels);
        sequence.push(rows * channels);
        float[] features = new float[batch * features()];
        for (int d = 0; d < directions.length; d++) {
            forward(directions[d], features, d * units);
        }
        return features;
    }

    private void forward(Direction direction, float[] features, int featureOffset) {
        int gates = 4 * units;
        int rows = batch * steps;
        direction.projection.ensure((long) rows * gates);
        Sgemm.multiply(rows, gates, channels, sequence.device, 0, channels, direction.input.value.device, 0, gates,
                0f, direction.projection.device, 0, gates);
        float[] z = direction.projection.pull(rows * gates).heap;
        direction.gates = ConvolutionStage.grow(direction.gates, rows * gates + LANES);
        direction.cells = ConvolutionStage.grow(direction.cells, rows * units + LANES);
        direction.tanhCells = ConvolutionStage.grow(direction.tanhCells, rows * units + LANES);
        float[] previous = direction.previousHidden.ensure((long) rows * units + LANES).heap;
        float[] h = direction.hidden.ensure((long) batch * units + LANES).heap;
        Arrays.fill(h, 0, batch * units, 0f);
        float[] recurrentProduct = direction.step.ensure((long) batch * gates).heap;
        float[] b = direction.bias.values();
        for (int s = 0; s < steps; s++) {
            int t = time(direction, s);
            if (s > 0) {
                direction.hidden.push(batch * units);
                Sgemm.multiply(batch, gates, units, direction.hidden.device, 0, units, direction.recurrent.value.device, 0, gates,
                        0f, direction.step.device, 0, gates);
                direction.step.pull(batch * gates);
            } else {
                Arrays.fill(recurrentProduct, 0, batch * gates, 0f);
            }
            int previousTime = s > 0 ? time(direction, s - 1) : -1;
            for (int n = 0; n < batch; n++) {
                int row = n * steps + t;
                activateGates(z, b, recurrentProduct, direction.gates, row * gates, n * gates);
                int before = previousTime < 0 ? -1 : (n * steps + previousTime) * units;
                for (int u = 0; u < units; u += LANES) {
                    step(direction, Simd.SPECIES.indexInRange(u, units), row, u, before, h, n * units + u, previous);
                }
            }
        }
        for (int n = 0; n < batch; n++) {
            System.arraycopy(h, n * units, features, n * features() + featureOffset, units);
        }
    }

    /** Activated gates of one window at one step, from its projection z, the bias and the recurrent product. */
    private void activateGates(float[] z, float[] b, float[] recurrentProduct, float[] gates, int zAt, int stepAt) {
        int width = 4 * units;
        int k = 0;
        for (int bound = Simd.SPECIES.loopBound(width); k < bound; k += LANES) {
            FloatVector x = FloatVector.fromArray(Simd.SPECIES, z, zAt + k)
                    .add(FloatVector.fromArray(Simd.SPECIES, b, k))
                    .add(FloatVector.fromArray(Simd.SPECIES, recurrentProduct, stepAt + k));
            LstmCell.activate(x, FloatVector.fromArray(Simd.SPECIES, gateScale, k), FloatVector.fromArray(Simd.SPECIES, gateShift, k))
                    .intoArray(gates, zAt + k);
        }
        if (k < width) {
            VectorMask<Float> in = Simd.SPECIES.indexInRange(k, width);
            FloatVector x = FloatVector.fromArray(Simd.SPECIES, z, zAt + k, in)
                    .add(FloatVector.fromArray(Simd.SPECIES, b, k, in))
                    .add(FloatVector.fromArray(Simd.SPECIES, recurrentProduct, stepAt + k, in));
            Simd.intoArray(LstmCell.activate(x, FloatVector.fromArray(Simd.SPECIES, gateScale, k), FloatVector.fromArray(Simd.SPECIES, gateShift, k)),
                    gates, zAt + k, in);
        }
    }

    /** Units [u, u + lanes) of one window's step: the new cell and hidden state from the activated gates. */
    private void step(Direction direction, VectorMask<Float> in, int row, int u, int before, float[] h, int hAt, float[] previous) {
        float[] a = direction.gates;
        int zAt = row * 4 * units;
        FloatVector g = FloatVector.fromArray(Simd.SPECIES, a, zAt + u, in);
        FloatVector f = FloatVector.fromArray(Simd.SPECIES, a, zAt + units + u, in);
        FloatVector o = FloatVector.fromArray(Simd.SPECIES, a, zAt + 2 * units + u, in);
        FloatVector i = FloatVector.fromArray(Simd.SPECIES, a, zAt + 3 * units + u, in);
        FloatVector c = LstmCell.cell(g, f, i, before < 0 ? FloatVector.zero(Simd.SPECIES) : FloatVector.fromArray(Simd.SPECIES, direction.cells, before + u, in));
        FloatVector tc = Simd.tanh(c);
        Simd.intoArray(c, direction.cells, row * units + u, in);
        Simd.intoArray(tc, direction.tanhCells, row * units + u, in);
        Simd.intoArray(FloatVector.fromArray(Simd.SPECIES, h, hAt, in), previous, row * units + u, in);
        Simd.intoArray(LstmCell.hidden(o, tc), h, hAt, in);
    }

    /**
     * Sets the variables' gradients and returns the gradient for the input sequence, [batch][steps][channels]
     * (at the start of a buffer the next call reuses).
     */
    float[] backward(float[] featureGradient) {
        int rows = batch * steps;
        inputGradient.ensure((long) rows * channels);
        for (int d = 0; d < directions.length; d++) {
            backward(directions[d], featureGradient, d * units, d == 0 ? 0f : 1f);
        }
        return inputGradient.pull(rows * channels).heap;
    }

    private void backward(Direction direction, float[] featureGradient, int featureOffset, float accumulate) {
        int gates = 4 * units;
        int rows = batch * steps;
        float[] dz = throughTime(direction, featureGradient, featureOffset, steps);
        projectionGradient.push(rows * gates);
        parameterGradients(direction, dz);
        Sgemm.multiply(false, true, rows, channels, gates, projectionGradient.device, 0, gates, direction.input.value.device, 0, gates,
                accumulate, inputGradient.device, 0, channels);
    }

    /**
     * For explanations, after a forward pass: the gradient for the input at the given steps of each window,
     * [batch][steps][channels], what {@link #backward} gives there. Each direction goes back through time only
     * as far as the earliest of those steps it read.
     */
    float[] inputGradient(float[] featureGradient, Span wanted) {
        int gates = 4 * units;
        int rows = batch * wanted.length();
        Mirror compact = wantedGradient.ensure((long) rows * gates);
        inputGradient.ensure((long) rows * channels);
        for (int d = 0; d < directions.length; d++) {
            Direction direction = directions[d];
            int through = direction.reversed ? wanted.to() : steps - wanted.from();
            float[] dz = throughTime(direction, featureGradient, d * units, through);
            for (int n = 0; n < batch; n++) {
                System.arraycopy(dz, (n * steps + wanted.from()) * gates, compact.heap, n * wanted.length() * gates, wanted.length() * gates);
            }
            compact.push(rows * gates);
            Sgemm.multiply(false, true, rows, channels, gates, compact.device, 0, gates, direction.input.value.device, 0, gates,
                    d == 0 ? 0f : 1f, inputGradient.device, 0, channels);
        }
        return Arrays.copyOf(inputGradient.pull(rows * channels).heap, rows * channels);
    }

    /**
     * Back through time from the final state over the first 'through' steps the direction read (all of them for
     * training): the gradient of each gate's pre-activation, [batch][time][4 units], set at the times visited.
     */
    private float[] throughTime(Direction direction, float[] featureGradient, int featureOffset, int through) {
        int gates = 4 * units;
        int rows = batch * steps;
        float[] dz = projectionGradient.ensure((long) rows * gates + LANES).heap;
        float[] dh = new float[batch * units + LANES];
        float[] dc = new float[batch * units + LANES];
        for (int n = 0; n < batch; n++) {
            System.arraycopy(featureGradient, n * features() + featureOffset, dh, n * units, units);
        }
        float[] stepGradient = direction.step.heap;
        for (int s = steps - 1; s >= steps - through; s--) {
            int t = time(direction, s);
            int previousTime = s > 0 ? time(direction, s - 1) : -1;
            for (int n = 0; n < batch; n++) {
                int row = n * steps + t;
                int before = previousTime < 0 ? -1 : (n * steps + previousTime) * units;
                for (int u = 0; u < units; u += LANES) {
                    stepBack(direction, Simd.SPECIES.indexInRange(u, units), row, u, before, dh, dc, n * units + u, dz);
                }
                System.arraycopy(dz, row * gates, stepGradient, n * gates, gates);
            }
            if (s > steps - through) {
                direction.step.push(batch * gates);
                Sgemm.multiply(false, true, batch, units, gates, direction.step.device, 0, gates,
                        direction.recurrent.value.device, 0, gates, 0f, direction.hidden.device, 0, units);
                direction.hidden.pull(batch * units);
                System.arraycopy(direction.hidden.heap, 0, dh, 0, batch * units);
            }
        }
        return dz;
    }

    /**
     * Units [u, u + lanes) of one window's step back: the gates' pre-activation gradients (into dz) and the cell
     * gradient carried to the step before (dc), from the hidden state's gradient dh.
     */
    private void stepBack(Direction direction, VectorMask<Float> in, int row, int u, int before, float[] dh, float[] dc, int cell, float[] dz) {
        float[] a = direction.gates;
        int at = row * 4 * units;
        FloatVector g = FloatVector.fromArray(Simd.SPECIES, a, at + u, in);
        FloatVector f = FloatVector.fromArray(Simd.SPECIES, a, at + units + u, in);
        FloatVector o = FloatVector.fromArray(Simd.SPECIES, a, at + 2 * units + u, in);
        FloatVector i = FloatVector.fromArray(Simd.SPECIES, a, at + 3 * units + u, in);
        FloatVector tc = FloatVector.fromArray(Simd.SPECIES, direction.tanhCells, row * units + u, in);
        FloatVector previous = before < 0 ? FloatVector.zero(Simd.SPECIES) : FloatVector.fromArray(Simd.SPECIES, direction.cells, before + u, in);
        FloatVector dhv = FloatVector.fromArray(Simd.SPECIES, dh, cell, in);
        FloatVector dcell = FloatVector.fromArray(Simd.SPECIES, dc, cell, in).add(dhv.mul(o).mul(tc.mul(tc).neg().add(1f)));
        Simd.intoArray(dcell.mul(i).mul(g.mul(g).neg().add(1f)), dz, at + u, in);
        Simd.intoArray(dcell.mul(previous).mul(f).mul(f.neg().add(1f)), dz, at + units + u, in);
        Simd.intoArray(dhv.mul(tc).mul(o).mul(o.neg().add(1f)), dz, at + 2 * units + u, in);
        Simd.intoArray(dcell.mul(g).mul(i).mul(i.neg().add(1f)), dz, at + 3 * units + u, in);
        Simd.intoArray(dcell.mul(f), dc, cell, in);
    }

    private void parameterGradients(Direction direction, float[] dz) {
        int gates = 4 * units;
        int rows = batch * steps;
        direction.previousHidden.push(rows * units);
        Sgemm.multiply(true, false, units, gates, rows, direction.previousHidden.device, 0, units, projectionGradient.device, 0, gates,
                0f, direction.recurrent.gradient.device, 0, gates);
        direction.recurrent.gradient.pull(units * gates);
        Sgemm.multiply(true, false, channels, gates, rows, sequence.device, 0, channels, projectionGradient.device, 0, gates,
                0f, direction.input.gradient.device, 0, gates);
        direction.input.gradient.pull(channels * gates);
        float[] db = direction.bias.gradients();
        Arrays.fill(db, 0, gates, 0f);
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < gates; k++) {
                db[k] += dz[r * gates + k];
            }
        }
    }
}
