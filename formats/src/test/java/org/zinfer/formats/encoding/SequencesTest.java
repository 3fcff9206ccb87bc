package org.zinfer.formats.encoding;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Same dinucleotides (so composition and CpG), same ends, another order; the same seed gives the same shuffle. */
    @Test
    void dinucleotideShuffleKeepsEveryDinucleotideCount() {
        Random source = new Random(3);
        StringBuilder sequence = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sequence.append(i % 97 == 0 ? 'N' : "ACGTCG".charAt(source.nextInt(6)));
        }
        byte[] bases = sequence.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] shuffled = Sequences.dinucleotideShuffle(bases, new Random(7));
        assertEquals(bases.length, shuffled.length);
        assertEquals(bases[0], shuffled[0]);
        assertEquals(bases[bases.length - 1], shuffled[shuffled.length - 1]);
        assertEquals(dinucleotides(bases), dinucleotides(shuffled));
        assertFalse(java.util.Arrays.equals(bases, shuffled));
        assertArrayEquals(shuffled, Sequences.dinucleotideShuffle(bases, new Random(7)));
        int same = 0;
        for (int i = 0; i < bases.length; i++) {
            same += bases[i] == shuffled[i] ? 1 : 0;
        }
        assertTrue(same < 500, "mixed, not nearly the input: " + same + " of 1000 bases in place");
    }

    private static java.util.Map<String, Integer> dinucleotides(byte[] bases) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < bases.length; i++) {
            counts.merge(new String(bases, i, 2, StandardCharsets.US_ASCII), 1, Integer::sum);
        }
        return counts;
    }
}
