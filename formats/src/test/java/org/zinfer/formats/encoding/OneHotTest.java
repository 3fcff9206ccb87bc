package org.zinfer.formats.encoding;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OneHotTest {
    @Test
    void encodesACGTChannelMajorIgnoringCase() {
        byte[] bases = "xAcGtN".getBytes(StandardCharsets.US_ASCII);
        float[] out = new float[4 * 5];
        java.util.Arrays.fill(out, 9f);
        OneHot.encode(bases, 1, 5, out, 0);
        assertArrayEquals(new float[] {
                1, 0, 0, 0, 0,   // A
                0, 1, 0, 0, 0,   // C
                0, 0, 1, 0, 0,   // G
                0, 0, 0, 1, 0},  // T
                out);
    }

    @Test
    void everyOtherSymbolIsAZeroColumn() {
        byte[] bases = "NRYKMSWBDHVn-.*U".getBytes(StandardCharsets.US_ASCII);
        float[] out = new float[4 * bases.length];
        OneHot.encode(bases, 0, bases.length, out, 0);
        assertArrayEquals(new float[out.length], out);
        assertEquals(bases.length, OneHot.countUnknown(bases, 0, bases.length));
        assertEquals(0, OneHot.countUnknown("acgtACGT".getBytes(StandardCharsets.US_ASCII), 0, 8));
    }

    @Test
    void channelCodesEncodeToTheSameOneHotAsTheBases() {
        byte[] bases = "xAcGtNRacgT".getBytes(StandardCharsets.US_ASCII);
        byte[] channels = new byte[10 + 2];
        OneHot.channels(bases, 1, 10, channels, 2);
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2, 3, -1, -1, 0, 1, 2, 3}, channels);
        float[] direct = new float[40];
        float[] viaChannels = new float[40];
        java.util.Arrays.fill(viaChannels, 7f);
        OneHot.encode(bases, 1, 10, direct, 0);
        OneHot.encodeChannels(channels, 2, 10, viaChannels, 0);
        assertArrayEquals(direct, viaChannels);
    }

    /** The channel codes of the reverse complement, for odd and even lengths, equal those of the bases reverse-complemented. */
    @Test
    void reverseComplementOfChannelsIsThatOfTheBases() {
        for (String sequence : List.of("ACGTN", "AACGTTRG", "G")) {
            byte[] bases = sequence.getBytes(StandardCharsets.US_ASCII);
            byte[] codes = new byte[bases.length + 2];
            OneHot.channels(bases, 0, bases.length, codes, 1);
            OneHot.reverseComplementChannels(codes, 1, bases.length);
            byte[] expected = new byte[bases.length + 2];
            OneHot.channels(Sequences.reverseComplement(bases), 0, bases.length, expected, 1);
            assertArrayEquals(expected, codes, sequence);
        }
    }

    /** Window 2i is the item's window i, window 2i + 1 its reverse complement. */
    @Test
    void bothStrandsInterleavesEachWindowWithItsReverseComplement() {
        Encodable item = new Encodable() {
            @Override
            public int windows() {
                return 2;
            }

            @Override
            public int length() {
                return 3;
            }

            @Override
            public void encode(int window, byte[] dest, int offset) {
                OneHot.channels((window == 0 ? "AAC" : "GTN").getBytes(StandardCharsets.US_ASCII), 0, 3, dest, offset);
            }
        };
        BothStrands<Encodable> both = new BothStrands<>(item);
        assertEquals(4, both.windows());
        byte[] codes = new byte[12];
        for (int w = 0; w < 4; w++) {
            both.encode(w, codes, 3 * w);
        }
        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 3, 2, 3, -1, -1, 0, 1}, codes);
    }
}
