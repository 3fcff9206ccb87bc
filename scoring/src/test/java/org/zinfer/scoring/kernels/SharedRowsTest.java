package org.zinfer.scoring.kernels;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.scoring.inference.TestArchitectures;
import org.zinfer.scoring.model.LayerSpec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which rows windows of a scan share, for the thesis design (conv 10 'same', pool 4, conv 4 'same', pool 4). */
class SharedRowsTest {
    private static final List<SharedRows.Field> THESIS = SharedRows.fields(
            ConvolutionBlocks.read(TestArchitectures.thesisLike(1000).layers().stream()
                    .filter(l -> !(l instanceof LayerSpec.Dropout)).toList()).orElseThrow().blocks(), 1000);

    @Test
    void rowsReadTheBasesUnderTheirKernelsAndPools() {
        // first layer: row p reads bases [4p - 4, 4p + 8]; rows 1..247 of 250 read no padding
        assertEquals(new SharedRows.Field(4, -4, 8, 1, 247), THESIS.get(0));
        // second layer: row p reads first-layer rows [4p - 1, 4p + 5], so bases [16p - 8, 16p + 28]; rows 1..60 of 62
        assertEquals(new SharedRows.Field(16, -8, 28, 1, 60), THESIS.get(1));
    }

    @Test
    void windowsAtStep50ShareWithTheNearestWindowOnTheSameGrid() {
        List<SequenceWindow> windows = TestArchitectures.tiled(1000, 50, 12, 1);
        SharedRows.Share[][] shares = SharedRows.find(THESIS, TestArchitectures.channels(windows), 0, windows.size(), 1000);
        // 100 nt = 25 first-layer rows: rows 1..222 of window 2 are rows 26..247 of window 0
        assertEquals(new SharedRows.Share(0, 25, 1, 223, 223, 223), shares[0][2]);
        assertEquals(new SharedRows.Share(9, 25, 1, 223, 223, 223), shares[0][11]);
        assertNull(shares[0][1], "50 nt is not a multiple of the first layer's stride");
        // 400 nt = 25 second-layer rows: rows 1..35 of window 8 are rows 26..60 of window 0
        assertEquals(new SharedRows.Share(0, 25, 1, 36, 36, 36), shares[1][8]);
        assertNull(shares[1][7]);
    }

    @Test
    void reverseComplementsShareWithTheReverseComplementOfAnEarlierWindow() {
        byte[] both = TestArchitectures.bothStrands(TestArchitectures.channels(TestArchitectures.tiled(1000, 50, 10, 3)), 1000);
        SharedRows.Share[][] shares = SharedRows.find(THESIS, both, 0, 20, 1000);
        assertEquals(new SharedRows.Share(0, 25, 1, 223, 223, 223), shares[0][4], "forward windows as before, two windows back");
        // the reverse complement of window 2 holds that of window 0 100 nt further on: its rows 26..247 are rows 1..222
        assertEquals(new SharedRows.Share(1, -25, 26, 248, 248, 248), shares[0][5]);
        assertEquals(new SharedRows.Share(1, -25, 26, 61, 61, 61), shares[1][17]);
    }

    @Test
    void aChangedBaseBreaksTheChainThroughItsWindow() {
        List<SequenceWindow> windows = TestArchitectures.tiled(1000, 16, 6, 2);
        byte[] channels = TestArchitectures.channels(windows);
        channels[3 * 1000 + 500] = (byte) ((channels[3 * 1000 + 500] + 1) % 4);
        SharedRows.Share[][] shares = SharedRows.find(THESIS, channels, 0, windows.size(), 1000);
        assertEquals(new SharedRows.Share(1, 1, 1, 60, 60, 60), shares[1][2]);
        assertNull(shares[1][3], "window 3 no longer holds window 2's bases");
        assertEquals(new SharedRows.Share(2, 2, 1, 59, 59, 59), shares[1][4], "window 4 skips window 3 and holds window 2's bases");
        assertEquals(new SharedRows.Share(4, 1, 1, 60, 60, 60), shares[1][5]);
    }

    @Test
    void aVariantOrAMutantSharesAllButTheRowsThatReadTheChangedBases() {
        byte[] window = TestArchitectures.channels(TestArchitectures.tiled(1000, 0, 1, 5));
        byte[] both = new byte[3000];
        for (int n = 0; n < 3; n++) {
            System.arraycopy(window, 0, both, n * 1000, 1000);
        }
        both[1000 + 500] = (byte) ((both[500] + 1) % 4);
        both[2000 + 500] = (byte) ((both[500] + 2) % 4);
        both[2000 + 501] = (byte) ((both[501] + 2) % 4);
        SharedRows.Share[][] shares = SharedRows.find(THESIS, both, 0, 3, 1000);
        // first-layer rows 123..126 read base 500 (row p reads [4p - 4, 4p + 8]); second-layer rows 30 and 31
        assertEquals(new SharedRows.Share(0, 0, 1, 248, 123, 127), shares[0][1]);
        assertEquals(new SharedRows.Share(0, 0, 1, 61, 30, 32), shares[1][1]);
        // the next window differs from that one in bases 500 and 501
        assertEquals(new SharedRows.Share(1, 0, 1, 248, 123, 127), shares[0][2]);
    }

    @Test
    void windowsThatDoNotOverlapShareNothing() {
        List<SequenceWindow> windows = TestArchitectures.windows(1000, 4).subList(0, 10);
        SharedRows.Share[][] shares = SharedRows.find(THESIS, TestArchitectures.channels(windows), 0, windows.size(), 1000);
        assertNull(shares[0]);
        assertNull(shares[1]);
    }
}
