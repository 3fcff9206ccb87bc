package org.zinfer.scoring.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.engine.ScoringEngine;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.model.Architecture;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Transfer learning: a trained network's trunk under a new head of K outputs. With the trunk frozen its
 * output never changes, so it is computed once per window (by the fast engine) and only the head is
 * fitted, on those feature vectors ({@link HeadFits}).
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

    /** The trunk's output for every window, with the windows' labels. */
    public static FeatureExamples features(Architecture trunk, ComputationGraph network, DatasetExamples windows,
                                           int threads, PrintStream log) {
        int width = trunk.inputShape(trunk.layers().size())[1];
        WindowScorer scorer = Scorers.forNetwork(trunk, network, true, threads, ScoringEngine.DEFAULT_BATCH);
        ProgressMeter progress = new ProgressMeter(log, "windows through the frozen trunk", windows.size(), 30);
        float[] features = DatasetScores.score(scorer, windows.dataset(), windows.from(), windows.to(), ScoringEngine.DEFAULT_BATCH, progress);
        return new FeatureExamples(features, width, windows.labels(), windows.factors());
    }
}
