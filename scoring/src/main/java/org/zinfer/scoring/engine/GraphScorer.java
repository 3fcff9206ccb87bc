package org.zinfer.scoring.engine;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.encoding.OneHot;

import java.util.Arrays;

/** The reference scorer: DL4J's own forward pass through the ComputationGraph. */
public final class GraphScorer implements WindowScorer {
    private final ComputationGraph network;
    private final int length;
    private final int outputs;

    public GraphScorer(ComputationGraph network, int length, int outputs) {
        this.network = network;
        this.length = length;
        this.outputs = outputs;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public float[] score(float[] oneHot, int count) {
        int size = count * OneHot.CHANNELS * length;
        float[] values = oneHot.length == size ? oneHot : Arrays.copyOf(oneHot, size);
        INDArray input = Nd4j.create(values, new long[] {count, OneHot.CHANNELS, length}, 'c');
        INDArray output = network.output(false, input)[0];
        return output.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
}
