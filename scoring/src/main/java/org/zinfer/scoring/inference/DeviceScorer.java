package org.zinfer.scoring.inference;

import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceStream;
import org.zinfer.scoring.device.DeviceStream.Buffer;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The fast engine's {@link Plan} run on a {@link Device}: the same layer layout, padding and packed weights as the
 * CPU engine, with the device's matrix products for the later convolutions (shifted products over zero-padded
 * blocks of windows), the LSTM input projections (one product for all steps and both directions) and every LSTM
 * step's recurrent product, and its kernels for the first convolution (sums of weight rows), pooling, gates and
 * activations. Each of its streams holds a copy of the weights and its own buffers; the scoring engine keeps
 * as many batches in flight as there are streams, reading and encoding the next ones meanwhile.
 */
public final class DeviceScorer implements WindowScorer {
    private final Plan plan;
    private final Device device;
    private final int batchSize;
    private final int streams;
    private final BlockingQueue<Worker> idle;

    private DeviceScorer(Plan plan, List<Device> devices, int streamsPerDevice, int batchSize) {
        this.plan = plan;
        this.device = devices.get(0);
        this.batchSize = batchSize;
        this.streams = devices.size() * streamsPerDevice;
        this.idle = new ArrayBlockingQueue<>(streams);
        for (int s = 0; s < streamsPerDevice; s++) {
            for (Device d : devices) {
                idle.add(new Worker(plan, d.openStream(), batchSize));
            }
        }
    }

    /** The scorer on these devices, or empty when the architecture is outside what the plan handles. */
    public static Optional<WindowScorer> of(Architecture architecture, Parameters parameters, List<Device> devices,
                                            int streamsPerDevice, int batchSize) {
        return Plan.of(architecture, parameters).map(plan -> new DeviceScorer(plan, devices, streamsPerDevice, batchSize));
    }

    @Override
    public int outputs() {
        return plan.outputs();
    }

    @Override
    public int parallelism() {
        return streams;
    }

    @Override
    public String describe() {
        return "zinfer device engine on " + device.describe() + ", " + streams + " stream(s), batches of " + batchSize;
    }

    /** The device's products may choose their summation order by shape. */
    @Override
    public String bitsDependOn(int batchSize) {
        return "zinfer device engine on " + device.describe() + ", batch " + batchSize;
    }

    @Override
    public float[] score(byte[] channels, int count) {
        Worker worker;
        try {
            worker = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a device stream", e);
        }
        try {
            float[] scores = new float[count * plan.outputs()];
            for (int from = 0; from < count; from += batchSize) {
                int block = Math.min(count - from, batchSize);
                worker.score(channels, from, block, scores);
            }
            return scores;
        } finally {
            idle.add(worker);
        }
    }

    /** One stream's weights and buffers, sized for a full batch. */
    private static final class Worker {
        private final Plan plan;
        private final DeviceStream stream;
        private final Buffer codes;
        private final Buffer table;
        private final List<Buffer> convolutionWeights = new ArrayList<>();
        private final List<Buffer> convolutionBias = new ArrayList<>();
        private final List<Buffer> sequences = new ArrayList<>();
        private final List<Buffer> products = new ArrayList<>();
        private Buffer lstmInput;
        private final List<Buffer> lstmRecurrent = new ArrayList<>();
        private final List<Buffer> lstmBias = new ArrayList<>();
        private Buffer projection;
        private Buffer hidden;
        private Buffer cells;
        private final List<Buffer> denseWeights = new ArrayList<>();
        private final List<Buffer> denseBias = new ArrayList<>();
        private final List<Buffer> denseOutputs = new ArrayList<>();
        private final float[] block;

        Worker(Plan plan, DeviceStream stream, int batch) {
            this.plan = plan;
            this.stream = stream;
            this.codes = stream.allocateBytes((long) batch * plan.windowLength);
            this.table = stream.constant(plan.convolutions.get(0).lookup);
            for (int i = 0; i < plan.convolutions.size(); i++) {
                Layers.Convolution conv = plan.convolutions.get(i);
                int[] shape = plan.sequenceShapes.get(i);
                convolutionWeights.add(i == 0 ? null : stream.constant(conv.weights));
                convolutionBias.add(stream.constant(conv.bias));
                sequences.add(stream.allocateFloats((long) batch * (shape[0] + shape[1] + shape[2]) * shape[3]));
                int[] input = i == 0 ? null : plan.sequenceShapes.get(i - 1);
                products.add(i == 0 ? null : stream.allocateFloats((long) batch * (input[0] + input[1] + input[2]) * shape[3]));
            }
            Layers.Lstm lstm = plan.lstm;
            if (lstm != null) {
                int steps = plan.sequenceShapes.get(plan.sequenceShapes.size() - 1)[1];
                lstmInput = stream.constant(lstm.inputWeights);
                for (int d = 0; d < lstm.directions(); d++) {
                    lstmRecurrent.add(stream.constant(lstm.recurrentWeights[d]));
                    lstmBias.add(stream.constant(lstm.bias[d]));
                }
                projection = stream.allocateFloats((long) batch * steps * lstm.directions() * 4 * lstm.units);
                hidden = stream.allocateFloats((long) batch * lstm.directions() * lstm.slot());
                cells = stream.allocateFloats((long) batch * lstm.directions() * lstm.slot());
            }
            for (Layers.Dense dense : plan.dense) {
                denseWeights.add(stream.constant(dense.weights));
                denseBias.add(stream.constant(dense.bias));
                denseOutputs.add(stream.allocateFloats((long) batch * dense.units));
            }
            this.block = new float[batch * plan.outputs()];
        }

        /** Windows [first, first + batch) of channels, their scores into scores from first's row. */
        void score(byte[] channels, int first, int batch, float[] scores) {
            int length = plan.windowLength;
            stream.upload(channels, first * length, batch * length, codes);
            Layers.Convolution conv = plan.convolutions.get(0);
            int[] shape = plan.sequenceShapes.get(0);
            stream.lookupConvolution(codes, batch, length, table, conv.kernel, conv.block.leftPad(), conv.pool, shape[1], shape[3],
                    convolutionBias.get(0), conv.activation, sequences.get(0), shape[0], shape[0] + shape[1] + shape[2]);
            for (int i = 1; i < plan.convolutions.size(); i++) {
                convolution(i, batch);
            }
            Buffer features;
            int featureWidth;
            if (plan.lstm != null) {
                lstm(batch);
                features = hidden;
                featureWidth = plan.lstm.directions() * plan.lstm.slot();
            } else {
                int[] last = plan.sequenceShapes.get(plan.sequenceShapes.size() - 1);
                features = sequences.get(sequences.size() - 1);
                featureWidth = (last[0] + last[1] + last[2]) * last[3];
            }
            for (int i = 0; i < plan.dense.size(); i++) {
                Layers.Dense dense = plan.dense.get(i);
                stream.multiply(batch, dense.units, dense.inputs, features, 0, featureWidth, denseWeights.get(i), 0, dense.units,
                        false, denseOutputs.get(i), 0, dense.units);
                stream.biasActivate(denseOutputs.get(i), batch, dense.units, denseBias.get(i), dense.activation);
                features = denseOutputs.get(i);
                featureWidth = dense.units;
            }
            stream.download(features, batch * plan.outputs(), block);
            System.arraycopy(block, 0, scores, first * plan.outputs(), batch * plan.outputs());
        }

        /** A later convolution: kernel shifted products over the padded blocks of all windows, then pooling. */
        private void convolution(int i, int batch) {
            Layers.Convolution conv = plan.convolutions.get(i);
            int[] in = plan.sequenceShapes.get(i - 1);
            int[] out = plan.sequenceShapes.get(i);
            int inStride = in[0] + in[1] + in[2];
            int rows = batch * inStride - (conv.kernel - 1);
            int width = out[3];
            for (int j = 0; j < conv.kernel; j++) {
                stream.multiply(rows, width, conv.channels, sequences.get(i - 1), (long) j * in[3], in[3],
                        convolutionWeights.get(i), (long) j * conv.channels * width, width, j > 0, products.get(i), 0, width);
            }
            stream.poolActivate(products.get(i), batch, inStride, conv.pool, out[1], width, convolutionBias.get(i), conv.activation,
                    sequences.get(i), out[0], out[0] + out[1] + out[2]);
        }

        /** One product for every step's input projections, then per step and direction the recurrent product and the gates. */
        private void lstm(int batch) {
            Layers.Lstm lstm = plan.lstm;
            int[] in = plan.sequenceShapes.get(plan.sequenceShapes.size() - 1);
            int steps = in[1];
            int gates = 4 * lstm.units;
            int projectionWidth = lstm.directions() * gates;
            int slot = lstm.slot();
            int hiddenWidth = lstm.directions() * slot;
            stream.multiply(batch * steps, projectionWidth, lstm.channels, sequences.get(sequences.size() - 1), 0, in[3],
                    lstmInput, 0, projectionWidth, false, projection, 0, projectionWidth);
            stream.zero(cells, 0, (long) batch * hiddenWidth);
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < lstm.directions(); d++) {
                    int time = d == 0 ? t : steps - 1 - t;
                    long zOffset = (long) time * projectionWidth + d * gates;
                    if (t > 0) {
                        stream.multiply(batch, gates, lstm.units, hidden, d * slot, hiddenWidth, lstmRecurrent.get(d), 0, gates,
                                true, projection, zOffset, steps * projectionWidth);
                    }
                    stream.lstmStep(batch, lstm.units, projection, steps * projectionWidth, zOffset, lstmBias.get(d),
                            cells, hiddenWidth, d * slot, hidden, hiddenWidth, d * slot);
                }
            }
        }
    }
}
