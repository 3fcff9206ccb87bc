package org.zinfer.formats.encoding;

import java.util.Arrays;

/**
 * One-hot encoding of DNA in channel order A, C, G, T, case-insensitive; every other symbol (N, IUPAC
 * codes, gaps) is encoded as all zeros. The layout is channel-major, [4][length], as in the thesis' HDF5
 * files and ND4J's NCW convolution input.
 */
public final class OneHot {
    public static final String ALPHABET = "ACGT";
    public static final int CHANNELS = 4;
    private static final byte[] CHANNEL = new byte[256];

    static {
        Arrays.fill(CHANNEL, (byte) -1);
        for (int c = 0; c < CHANNELS; c++) {
            CHANNEL[ALPHABET.charAt(c)] = (byte) c;
            CHANNEL[Character.toLowerCase(ALPHABET.charAt(c))] = (byte) c;
        }
    }

    private OneHot() {
    }

    /** The channel of a base, or -1 for anything that is not A, C, G or T. */
    public static int channel(byte base) {
        return CHANNEL[base & 0xff];
    }

    /**
     * Writes the encoding of bases[from, from + length) into dest starting at offset, channel-major: channel
     * c of position i goes to dest[offset + c * length + i]. The destination range is overwritten.
     */
    public static void encode(byte[] bases, int from, int length, float[] dest, int offset) {
        Arrays.fill(dest, offset, offset + CHANNELS * length, 0f);
        for (int i = 0; i < length; i++) {
            int c = CHANNEL[bases[from + i] & 0xff];
            if (c >= 0) {
                dest[offset + c * length + i] = 1f;
            }
        }
    }

    /** Writes the channel of each of bases[from, from + length) into dest[offset, offset + length). */
    public static void channels(byte[] bases, int from, int length, byte[] dest, int offset) {
        for (int i = 0; i < length; i++) {
            dest[offset + i] = CHANNEL[bases[from + i] & 0xff];
        }
    }

    /** The one-hot encoding, laid out as {@link #encode}, of channels[from, from + length). */
    public static void encodeChannels(byte[] channels, int from, int length, float[] dest, int offset) {
        Arrays.fill(dest, offset, offset + CHANNELS * length, 0f);
        for (int i = 0; i < length; i++) {
            int c = channels[from + i];
            if (c >= 0) {
                dest[offset + c * length + i] = 1f;
            }
        }
    }

    /** How many of bases[from, from + length) are not A, C, G or T. */
    /** Turns the channel codes of a window in place into those of its reverse complement (N stays N). */
    public static void reverseComplementChannels(byte[] codes, int offset, int length) {
        for (int i = offset, j = offset + length - 1; i <= j; i++, j--) {
            byte left = codes[i];
            codes[i] = complement(codes[j]);
            codes[j] = complement(left);
        }
    }

    private static byte complement(byte code) {
        return code < 0 ? code : (byte) (CHANNELS - 1 - code);
    }

    public static int countUnknown(byte[] bases, int from, int length) {
        int unknown = 0;
        for (int i = from; i < from + length; i++) {
            if (CHANNEL[bases[i] & 0xff] < 0) {
                unknown++;
            }
        }
        return unknown;
    }
}
