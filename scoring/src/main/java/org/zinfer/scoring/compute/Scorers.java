package org.zinfer.scoring.compute;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.engine.WindowScorer;
import org.zinfer.scoring.inference.DeviceScorer;
import org.zinfer.scoring.inference.ConvLstmScorer;
import org.zinfer.scoring.inference.GraphScorer;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;

import java.util.List;
import java.util.Optional;

/**
 * Which scorer computes a network here: zinfer's CPU engine when asked for, on the CPU backend, for the layers
 * it handles; DL4J's graph otherwise.
 */
public final class Scorers {
    private Scorers() {
    }

    /** fast: prefer zinfer's CPU engine (threads workers, buffers for batch windows); else DL4J's graph. */
    public static WindowScorer forModel(FactorModel model, boolean fast, int threads, int batch) {
        Optional<WindowScorer> engine = fast && Backend.isCpu() ? ConvLstmScorer.forModel(model, threads, batch) : Optional.empty();
        return engine.orElseGet(() -> graph(model.metadata().architecture(), model.network()));
    }

    /**
     * The architecture may stop below the network's output (a trunk): then the scores are its last layer's
     * activations.
     */
    public static WindowScorer forNetwork(Architecture architecture, ComputationGraph network, boolean fast, int threads, int batch) {
        Optional<WindowScorer> engine = fast && Backend.isCpu() ? ConvLstmScorer.forNetwork(architecture, network, threads, batch) : Optional.empty();
        return engine.orElseGet(() -> graph(architecture, network));
    }

    private static WindowScorer graph(Architecture architecture, ComputationGraph network) {
        int last = architecture.layers().size();
        String layer = architecture.layers().get(last - 1).name();
        boolean output = network.getConfiguration().getNetworkOutputs().contains(layer);
        return new GraphScorer(network, architecture.windowLength(), architecture.inputShape(last)[1], output ? null : layer);
    }

    /** Streams per GPU: one batch computing while the next is copied in and the last one's scores copied out. */
    private static final int STREAMS_PER_DEVICE = 2;

    /** The GPU engine on these devices; a model outside what it computes fails in one line. */
    public static WindowScorer onDevices(FactorModel model, List<Device> devices, int batch) {
        return DeviceScorer.of(model.metadata().architecture(), model.parameters(), devices, STREAMS_PER_DEVICE, batch)
                .orElseThrow(() -> new InputException("--device gpu: the GPU engine computes Conv1D/MaxPool1D layers followed by "
                        + "an LSTM, a bidirectional LSTM or a Flatten, then Dense layers; model " + model.metadata().name() + " has other layers"));
    }
}
