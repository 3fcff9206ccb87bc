package org.zinfer.scoring.inference;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.kernels.ConvolutionBlocks;
import org.zinfer.scoring.kernels.LstmCell;
import org.zinfer.scoring.kernels.Simd;
import org.zinfer.scoring.model.Activation;

/** The layers of a {@link Plan}, with their weights laid out for the fast engine. */
final class Layers {
    private Layers() {
    }

    /** A batch of rows of 'width' floats. */
    record Matrix(float[] data, int width) {
    }

    /**
     * Windows of a sequence layer: per window a block of lead zero rows, length rows of data
     * and trail zero rows, each row 'width' floats (channels padded to whole vectors with zeros). The zero
     * rows are the next convolution's padding.
     */
    record Sequence(float[] data, int lead, int length, int trail, int width) {
        int stride() {
            return lead + length + trail;
        }

        int rowOffset(int window, int row) {
            return (window * stride() + lead + row) * width;
        }

        Matrix flattened() {
            return new Matrix(data, stride() * width);
        }
    }

    /** A convolution block (a convolution and the max pooling after it) with its weights laid out for the engine. */
    static final class Convolution {
        final ConvolutionBlocks.Block block;
        final int kernel;
        final int channels;
        final int filters;
        final int pool;
        final Activation activation;
        /** Bias padded with zeros to the output row width. */
        final float[] bias;
        /** Rows per kernel tap in the lookup table: one of zeros (N and other symbols), then A, C, G, T. */
        static final int LOOKUP_ROWS = 1 + OneHot.CHANNELS;
        /** First convolution only: weight rows [k][zero, A, C, G, T][width] to add up per base. */
        final float[] lookup;
        final int lookupWidth;
        /** Later convolutions: weights [k][channels][width] for the shifted products, filters padded with zeros. */
        final float[] weights;

        /** kernelInOut: DL4J's Conv1D weight buffer, which holds [k][channels][filters] (Keras' layout). */
        Convolution(ConvolutionBlocks.Block block, int channels, float[] kernelInOut, float[] bias, int width, boolean first) {
            this.block = block;
            this.kernel = block.kernel();
            this.channels = channels;
            this.filters = block.convolution().filters();
            this.pool = block.pool();
            this.activation = block.convolution().activation();
            this.bias = java.util.Arrays.copyOf(bias, width);
            this.lookup = first ? lookupTable(kernelInOut, kernel, filters, width) : null;
            this.lookupWidth = width;
            this.weights = first ? null : paddedColumns(kernelInOut, filters, width);
        }

        private static float[] lookupTable(float[] kernelInOut, int kernel, int filters, int width) {
            float[] table = new float[kernel * LOOKUP_ROWS * width];
            int channels = OneHot.CHANNELS;
            for (int j = 0; j < kernel; j++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(kernelInOut, (j * channels + c) * filters, table, (j * LOOKUP_ROWS + 1 + c) * width, filters);
                }
            }
            return table;
        }

        /** Rows of 'filters' values copied into rows of 'width', the rest zero. */
        private static float[] paddedColumns(float[] rows, int filters, int width) {
            int count = rows.length / filters;
            float[] padded = new float[count * width];
            for (int r = 0; r < count; r++) {
                System.arraycopy(rows, r * filters, padded, r * width, filters);
            }
            return padded;
        }
    }

    static final class Lstm {
        final int channels;
        final int units;
        final boolean bidirectional;
        /** [channels][directions * 4 * units]: both directions' input weights side by side. */
        final float[] inputWeights;
        final float[][] recurrentWeights;
        /** Per direction, 4 * units biases plus a vector of slack for full-vector loads. */
        final float[][] bias;
        /** Per gate lane (blocks of slot()): see {@link LstmCell#scales}. */
        final float[] gateScale;
        final float[] gateShift;

        Lstm(int channels, int units, boolean bidirectional, float[] inputWeights, float[][] recurrentWeights, float[][] bias) {
            this.channels = channels;
            this.units = units;
            this.bidirectional = bidirectional;
            this.inputWeights = inputWeights;
            this.recurrentWeights = recurrentWeights;
            this.bias = bias;
            this.gateScale = LstmCell.scales(slot(), slot());
            this.gateShift = LstmCell.shifts(slot(), slot());
        }

        int directions() {
            return bidirectional ? 2 : 1;
        }

        /** Units padded to whole vectors: each direction's hidden state and cell take this many floats. */
        int slot() {
            return Simd.padded(units);
        }
    }

    static final class Dense {
        final int inputs;
        final int units;
        final Activation activation;
        final float[] weights;
        final float[] bias;

        Dense(int inputs, int units, Activation activation, float[] weights, float[] bias) {
            this.inputs = inputs;
            this.units = units;
            this.activation = activation;
            this.weights = weights;
            this.bias = bias;
        }
    }
}
