package org.zinfer.scoring.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;

/**
 * Builds a DL4J ComputationGraph for an {@link Architecture}. Vertices carry the Keras layer names; a
 * bidirectional LSTM becomes NAME_forward and NAME_backward (each returning its last step; the backward
 * one reads the reversed sequence) merged as NAME. Keras' asymmetric 'same' padding is an explicit
 * NAME_pad layer. The last Dense layer is the output layer, scored with binary cross-entropy when sigmoid.
 * Weights start Xavier-initialised (never Orthogonal, whose set-up hangs in DL4J 1.0.0-M2.1).
 */
public final class NetworkBuilder {
    public static final String INPUT = "input";
    public static final String FORWARD = "_forward";
    public static final String REVERSED = "_reversed";
    public static final String BACKWARD = "_backward";
    public static final String PAD = "_pad";

    private NetworkBuilder() {
    }

    public static ComputationGraph build(Architecture architecture, long seed, double learningRate, double beta1) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate, beta1, 0.999, 1e-7))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.recurrent(architecture.channels(), architecture.windowLength(), RNNFormat.NCW));
        List<LayerSpec> layers = architecture.layers();
        int lastDense = lastDense(layers);
        String previous = INPUT;
        for (int i = 0; i < layers.size(); i++) {
            previous = add(graph, layers.get(i), architecture.inputShape(i), previous, i == lastDense);
        }
        graph.setOutputs(previous);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    public static ComputationGraph build(Architecture architecture) {
        return build(architecture, 42, 1e-3, 0.95);
    }

    private static int lastDense(List<LayerSpec> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof LayerSpec.Dense) {
                return i;
            }
        }
        throw new IllegalArgumentException("a network needs a Dense output layer");
    }

    /** Adds one layer after vertex 'previous' and returns the name of its output vertex. */
    private static String add(ComputationGraphConfiguration.GraphBuilder graph, LayerSpec spec, int[] shape,
                              String previous, boolean output) {
        String name = spec.name();
        if (spec instanceof LayerSpec.Conv1D conv) {
            String input = previous;
            if (conv.samePadding() && conv.kernel() > 1) {
                int left = (conv.kernel() - 1) / 2;
                graph.addLayer(name + PAD, new ZeroPadding1DLayer.Builder(left, conv.kernel() - 1 - left).build(), previous);
                input = name + PAD;
            }
            graph.addLayer(name, new Convolution1DLayer.Builder()
                    .kernelSize(conv.kernel()).stride(1).nIn(shape[1]).nOut(conv.filters())
                    .convolutionMode(ConvolutionMode.Truncate)
                    .rnnDataFormat(RNNFormat.NCW)
                    .activation(nd4j(conv.activation())).build(), input);
        } else if (spec instanceof LayerSpec.MaxPool1D pool) {
            graph.addLayer(name, new Subsampling1DLayer.Builder(PoolingType.MAX)
                    .kernelSize(pool.pool()).stride(pool.stride())
                    .convolutionMode(ConvolutionMode.Truncate).build(), previous);
        } else if (spec instanceof LayerSpec.Dropout dropout) {
            graph.addLayer(name, new DropoutLayer.Builder(1 - dropout.rate()).build(), previous);
        } else if (spec instanceof LayerSpec.Flatten) {
            graph.addVertex(name, new ReshapeVertex('c', new int[] {-1, shape[0] * shape[1]}, null), previous);
        } else if (spec instanceof LayerSpec.Dense dense) {
            graph.addLayer(name, output ? outputLayer(dense, shape[1]) : new DenseLayer.Builder()
                    .nIn(shape[1]).nOut(dense.units()).activation(nd4j(dense.activation())).build(), previous);
        } else if (spec instanceof LayerSpec.Lstm lstm) {
            if (!lstm.bidirectional()) {
                graph.addLayer(name, lastStep(shape[1], lstm.units()), previous);
            } else {
                graph.addLayer(name + FORWARD, lastStep(shape[1], lstm.units()), previous);
                graph.addVertex(name + REVERSED, new ReverseTimeSeriesVertex(), previous);
                graph.addLayer(name + BACKWARD, lastStep(shape[1], lstm.units()), name + REVERSED);
                graph.addVertex(name, new MergeVertex(), name + FORWARD, name + BACKWARD);
            }
        }
        return name;
    }

    private static OutputLayer outputLayer(LayerSpec.Dense dense, int nIn) {
        LossFunctions.LossFunction loss = switch (dense.activation().kind()) {
            case SIGMOID -> LossFunctions.LossFunction.XENT;
            case SOFTMAX -> LossFunctions.LossFunction.MCXENT;
            default -> LossFunctions.LossFunction.MSE;
        };
        return new OutputLayer.Builder(loss).nIn(nIn).nOut(dense.units()).activation(nd4j(dense.activation())).build();
    }

    private static LastTimeStep lastStep(int nIn, int units) {
        return new LastTimeStep(new LSTM.Builder().nIn(nIn).nOut(units)
                .activation(new ActivationTanH()).gateActivationFunction(new ActivationSigmoid())
                .dataFormat(RNNFormat.NCW).build());
    }

    private static IActivation nd4j(Activation activation) {
        return switch (activation.kind()) {
            case LINEAR -> new ActivationIdentity();
            case RELU -> new ActivationReLU();
            case LEAKY_RELU -> new ActivationLReLU(activation.alpha());
            case SIGMOID -> new ActivationSigmoid();
            case TANH -> new ActivationTanH();
            case SOFTMAX -> new ActivationSoftmax();
        };
    }
}
