package org.zinfer.scoring.engine.fast;

import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leading Conv1D layers of a layer chain, each with the size of the MaxPool1D after it (1 when none),
 * and the index of the first layer after them; what the fast engine and trainer accept.
 */
record ConvolutionBlocks(List<LayerSpec.Conv1D> convolutions, List<Integer> pools, int next) {

    /** Empty when a pool's stride differs from its size or a convolution has softmax. */
    static Optional<ConvolutionBlocks> read(List<LayerSpec> layers) {
        List<LayerSpec.Conv1D> convolutions = new ArrayList<>();
        List<Integer> pools = new ArrayList<>();
        int i = 0;
        while (i < layers.size() && layers.get(i) instanceof LayerSpec.Conv1D conv) {
            int pool = 1;
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof LayerSpec.MaxPool1D p) {
                if (p.pool() != p.stride()) {
                    return Optional.empty();
                }
                pool = p.pool();
                i++;
            }
            if (conv.activation().kind() == Activation.Kind.SOFTMAX) {
                return Optional.empty();
            }
            convolutions.add(conv);
            pools.add(pool);
            i++;
        }
        return Optional.of(new ConvolutionBlocks(convolutions, pools, i));
    }
}
