package org.zinfer.formats.encoding;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SequencesTest {
    @Test
    void reverseComplementKeepsCaseAndLeavesOtherSymbols() {
        assertEquals("NacgTGCA", text(Sequences.reverseComplement(bytes("TGCAcgtN"))));
        assertEquals("-RNacgTGCA", text(Sequences.reverseComplement(bytes("TGCAcgtNR-"))));
    }

    @Test
    void reverseComplementOfARangeAndTwiceIsTheSequence() {
        byte[] bases = bytes("xxACGTTGGNyy");
        assertEquals("NCCAACGT", text(Sequences.reverseComplement(bases, 2, 8)));
        Random random = new Random(5);
        byte[] sequence = new byte[500];
        for (int i = 0; i < sequence.length; i++) {
            sequence[i] = (byte) "ACGTacgtNRY-".charAt(random.nextInt(12));
        }
        assertArrayEquals(sequence, Sequences.reverseComplement(Sequences.reverseComplement(sequence)));
    }

    /** The reverse strand's one-hot is the forward one-hot reversed with channels A↔T and C↔G swapped. */
    @Test
    void reverseComplementIsTheMirroredOneHot() {
        byte[] bases = bytes("ACGTNacgtnRYAAC");
        byte[] forward = new byte[bases.length];
        byte[] reverse = new byte[bases.length];
        OneHot.channels(bases, 0, bases.length, forward, 0);
        OneHot.channels(Sequences.reverseComplement(bases), 0, bases.length, reverse, 0);
        for (int i = 0; i < bases.length; i++) {
            int c = forward[bases.length - 1 - i];
            assertEquals(c < 0 ? -1 : 3 - c, reverse[i], "position " + i);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
