package org.zinfer.scoring.training;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.encoding.Span;
import org.zinfer.scoring.inference.TestArchitectures;
import org.zinfer.scoring.kernels.SharedRows;
import org.zinfer.scoring.model.FactorModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Explanations' forward pass copies the convolution rows overlapping windows share: the input gradients are the
 * same bits as when every window computes all its rows, for a scan at several steps and on both strands.
 */
class SharedExplanationRowsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 8, 50, 64})
    void copiedRowsGiveTheSameGradients(int step) {
        for (FactorModel model : List.of(TestArchitectures.randomModel(TestArchitectures.smallThesisLike(200), 23),
                TestArchitectures.randomModel(TestArchitectures.odd(600), 5))) {
            int length = model.windowLength();
            ConvLstmBackprop backprop = ConvLstmBackprop.of(model.metadata().architecture(), model.network(), 0).orElseThrow();
            byte[] forward = TestArchitectures.channels(TestArchitectures.tiled(length, step, 8, step));
            for (byte[] channels : List.of(forward, TestArchitectures.bothStrands(forward, length))) {
                int batch = channels.length / length;
                SharedRows.Share[][] shares = backprop.shares(channels, batch);
                assertTrue(java.util.Arrays.stream(shares).anyMatch(java.util.Objects::nonNull), "some rows are shared at step " + step);
                float[][] copying = backprop.inputGradients(channelsFirst(channels, batch, length), shares, batch, new int[] {0, 2}, Span.whole(length));
                float[][] computing = backprop.inputGradients(channelsFirst(channels, batch, length), new SharedRows.Share[shares.length][],
                        batch, new int[] {0, 2}, Span.whole(length));
                for (int k = 0; k < 2; k++) {
                    assertArrayEquals(computing[k], copying[k], "output " + k + " at step " + step);
                }
            }
        }
    }

    private static float[] channelsFirst(byte[] channels, int batch, int length) {
        float[] x = new float[batch * OneHot.CHANNELS * length];
        for (int n = 0; n < batch; n++) {
            OneHot.encodeChannels(channels, n * length, length, x, n * OneHot.CHANNELS * length);
        }
        return x;
    }
}
