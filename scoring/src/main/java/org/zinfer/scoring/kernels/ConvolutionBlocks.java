package org.zinfer.scoring.kernels;

import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.LayerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The leading Conv1D layers of a layer chain, each with the max pooling after it, and the index of the first
 * layer after them; what the fast engine and trainer accept.
 */
public record ConvolutionBlocks(List<Block> blocks, int next) {

    /** A Conv1D (stride 1) and the MaxPool1D after it, whose stride is its size (pool 1 when none follows). */
    public record Block(LayerSpec.Conv1D convolution, int pool) {
        public int kernel() {
            return convolution.kernel();
        }

        /** Zero positions before the input under Keras' 'same' padding (the extra one goes right). */
        public int leftPad() {
            return convolution.samePadding() ? (kernel() - 1) / 2 : 0;
        }

        public int rightPad() {
            return convolution.samePadding() ? kernel() - 1 - leftPad() : 0;
        }

        /** Positions the convolution gives for an input of this length, before pooling. */
        public int convolvedLength(int inputLength) {
            return inputLength + leftPad() + rightPad() - kernel() + 1;
        }

        /** Positions after pooling: the length the next layer reads. */
        public int outputLength(int inputLength) {
            return convolvedLength(inputLength) / pool;
        }
    }

    /** Empty when a pool's stride differs from its size or a convolution has softmax. */
    public static Optional<ConvolutionBlocks> read(List<LayerSpec> layers) {
        List<Block> blocks = new ArrayList<>();
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
            blocks.add(new Block(conv, pool));
            i++;
        }
        return Optional.of(new ConvolutionBlocks(blocks, i));
    }
}
