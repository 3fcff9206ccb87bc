package org.zinfer.scoring.inference;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.engine.WindowScorer;

/**
 * The reference scorer: DL4J's own forward pass through the ComputationGraph, on whatever backend ND4J has. On
 * the CPU it runs single-threaded: DL4J's bits depend on how many threads share a product (measured: one and
 * two OpenMP threads give different last bits), so with the machine's core count or OMP_NUM_THREADS (which
 * Snakemake sets per job) chunked scans would not merge into exactly one scan's tracks. On 2 cores one thread
 * was as fast as two (278 against about 250 windows/s).
 */
public final class GraphScorer implements WindowScorer {
    private final ComputationGraph network;
    private final int length;
    private final int outputs;
    private final String layer;

    /** Scores with the network's output. */
    public GraphScorer(ComputationGraph network, int length, int outputs) {
        this(network, length, outputs, null);
    }

    /** Gives a layer's activations (outputs of them per window) instead of the network's output; null: the output. */
    public GraphScorer(ComputationGraph network, int length, int outputs, String layer) {
        this.network = network;
        this.length = length;
        this.outputs = outputs;
        this.layer = layer;
        if (Nd4j.getEnvironment().isCPU()) {
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            openblas_nolapack.blas_set_num_threads(1);
        }
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public float[] score(byte[] channels, int count) {
        return score(oneHot(channels, count, length), count);
    }

    /** The one-hot encoding, [count][4][length], of count windows' channel codes. */
    public static float[] oneHot(byte[] channels, int count, int length) {
        float[] oneHot = new float[count * OneHot.CHANNELS * length];
        for (int i = 0; i < count; i++) {
            OneHot.encodeChannels(channels, i * length, length, oneHot, i * OneHot.CHANNELS * length);
        }
        return oneHot;
    }

    /** Scores count one-hot windows laid out [count][4][length]. */
    public float[] score(float[] oneHot, int count) {
        INDArray input = Nd4j.create(oneHot, new long[] {count, OneHot.CHANNELS, length}, 'c');
        INDArray output = layer == null ? network.output(false, input)[0]
                : network.feedForward(input, false).get(layer).reshape(count, outputs);
        return output.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public String describe() {
        return "DL4J ComputationGraph (reference path, 1 thread)" + (layer == null ? "" : ", layer " + layer);
    }

    @Override
    public String bitsDependOn(int batchSize) {
        return "DL4J ComputationGraph" + (layer == null ? "" : " layer " + layer) + ", batches of " + batchSize;
    }
}
