package org.zinfer.scoring.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.Architectures;
import org.zinfer.scoring.model.NetworkBuilder;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Transfer learning: a trained network's trunk under a new head of K outputs. With the trunk frozen its
 * output never changes, so it is computed once per window (by the fast engine) and only the head is
 * trained, on those feature vectors.
 */
public final class Transfer {
    private Transfer() {
    }

    /** Copies the parameters of every layer the two networks share by name (and shape). Returns how many. */
    public static int copyParameters(ComputationGraph from, ComputationGraph to) {
        Map<String, Layer> sources = new HashMap<>();
        for (Layer layer : from.getLayers()) {
            sources.put(layer.getConfig().getLayerName(), layer);
        }
        int copied = 0;
        for (Layer layer : to.getLayers()) {
            Layer source = sources.get(layer.getConfig().getLayerName());
            if (source != null && layer.numParams() > 0 && Arrays.equals(source.params().shape(), layer.params().shape())) {
                layer.setParams(source.params().dup());
                copied++;
            }
        }
        return copied;
    }

    /** A network of just the head: feature vector → [Dropout] → Dense(outputs, sigmoid), named as in {@link Architectures#withHead}. */
    public static ComputationGraph headNetwork(int features, int outputs, double dropout, long seed, double learningRate, double beta1) {
        var graph = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate, beta1, 0.999, 1e-7))
                .trainingWorkspaceMode(WorkspaceMode.ENABLED).inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder().addInputs(NetworkBuilder.INPUT).setInputTypes(InputType.feedForward(features));
        String previous = NetworkBuilder.INPUT;
        if (dropout > 0) {
            graph.addLayer(Architectures.HEAD_DROPOUT, new DropoutLayer.Builder(1 - dropout).build(), previous);
            previous = Architectures.HEAD_DROPOUT;
        }
        graph.addLayer(Architectures.HEAD, new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                .nIn(features).nOut(outputs).activation(new ActivationSigmoid()).build(), previous);
        graph.setOutputs(Architectures.HEAD);
        ComputationGraph network = new ComputationGraph(graph.build());
        network.init();
        return network;
    }

    /** The trunk's output for every window, with the windows' labels. */
    public static FeatureExamples features(Architecture trunk, ComputationGraph network, DatasetExamples windows,
                                           int threads, PrintStream log) {
        int width = trunk.inputShape(trunk.layers().size())[1];
        WindowScorer scorer = Scorers.forNetwork(trunk, network, true, threads, ScoringEngine.DEFAULT_BATCH);
        ProgressMeter progress = new ProgressMeter(log, "windows through the frozen trunk", windows.size(), 30);
        float[] features = DatasetScores.score(scorer, windows.dataset(), windows.from(), windows.to(), ScoringEngine.DEFAULT_BATCH, progress);
        return new FeatureExamples(features, width, windows.labels(), windows.factors());
    }

    /** A head network's outputs for feature vectors, [example][factor]: DL4J's, since the engine walks sequence windows. */
    public static float[] headScores(ComputationGraph head, FeatureExamples features, int batchSize) {
        float[] scores = new float[(int) features.size() * features.factors()];
        for (long start = 0; start < features.size(); start += batchSize) {
            Examples.Rows rows = features.read(start, batchSize);
            INDArray input = Nd4j.create(rows.inputs(), new long[] {rows.count(), features.width()}, 'c');
            float[] outputs = head.output(false, input)[0].castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(outputs, 0, scores, (int) start * features.factors(), rows.count() * features.factors());
        }
        return scores;
    }
}
