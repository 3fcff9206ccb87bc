package org.zinfer.formats.encoding;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
