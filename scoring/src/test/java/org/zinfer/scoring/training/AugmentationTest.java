package org.zinfer.scoring.training;

import org.junit.jupiter.api.Test;
import org.zinfer.formats.encoding.OneHot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    private static float[] oneHot(String sequence) {
        float[] x = new float[OneHot.CHANNELS * sequence.length()];
        OneHot.encode(sequence.getBytes(StandardCharsets.US_ASCII), 0, sequence.length(), x, 0);
        return x;
    }

    @Test
    void reverseComplementThenShiftFillingWithN() {
        float[] x = oneHot("AACGTN");
        Augmentation.transform(x, 0, 6, true, 0);
        assertArrayEquals(oneHot("NACGTT"), x);
        float[] y = oneHot("AACGTN");
        Augmentation.transform(y, 0, 6, false, 2);
        assertArrayEquals(oneHot("NNAACG"), y);
        float[] z = oneHot("AACGTN");
        Augmentation.transform(z, 0, 6, true, -1);
        assertArrayEquals(oneHot("ACGTTN"), z);
    }

    /** Windows numbered by their content: each comes out as one of its allowed forms, the same whatever the batch size. */
    @Test
    void eachWindowDrawsItsFormFromSeedEpochAndPlace() {
        int length = 12;
        int n = 700;
        Random random = new Random(4);
        String[] sequences = new String[n];
        float[] inputs = new float[n * 4 * length];
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder();
            for (int t = 0; t < length; t++) {
                s.append("ACGT".charAt(random.nextInt(4)));
            }
            sequences[i] = s.toString();
            System.arraycopy(oneHot(sequences[i]), 0, inputs, i * 4 * length, 4 * length);
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i; // the label says which window a row is
        }
        Examples examples = new FeatureExamples(inputs, 4 * length, labels, 1);
        Augmentation augmentation = new Augmentation(true, 3);
        List<float[]> small = rows(new ShuffledBatches(examples, 7, 11, 2, augmentation));
        List<float[]> large = rows(new ShuffledBatches(examples, 256, 11, 2, augmentation));
        assertEquals(n, small.size());
        int turned = 0;
        int shifted = 0;
        for (int r = 0; r < n; r++) {
            assertArrayEquals(small.get(r), large.get(r), "row " + r + " does not depend on the batch size");
            int window = (int) small.get(r)[4 * length];
            int[] form = form(sequences[window], Arrays.copyOf(small.get(r), 4 * length), length);
            assertTrue(form != null, "row " + r + " is window " + window + " turned and/or shifted by at most 3");
            turned += form[0];
            shifted += form[1] != 0 ? 1 : 0;
        }
        assertTrue(turned > n / 3 && turned < 2 * n / 3, "about half turned: " + turned);
        assertTrue(shifted > n / 2, "most shifted: " + shifted);
        List<float[]> nextEpoch = rows(new ShuffledBatches(examples, 7, 11, 3, augmentation));
        assertNotEquals(Arrays.toString(small.get(0)), Arrays.toString(nextEpoch.get(0)), "another epoch, other draws");
    }

    /** {turned, shift} for which the window becomes the row, or null. */
    private static int[] form(String sequence, float[] row, int length) {
        for (int turn = 0; turn < 2; turn++) {
            for (int shift = -3; shift <= 3; shift++) {
                float[] x = oneHot(sequence);
                Augmentation.transform(x, 0, length, turn == 1, shift);
                if (Arrays.equals(x, row)) {
                    return new int[] {turn, shift};
                }
            }
        }
        return null;
    }

    /** Each row's input followed by its label. */
    private static List<float[]> rows(ShuffledBatches batches) {
        List<float[]> rows = new ArrayList<>();
        while (batches.hasNext()) {
            Examples.Rows batch = batches.next();
            int width = batch.inputs().length / batch.count();
            for (int i = 0; i < batch.count(); i++) {
                float[] row = Arrays.copyOfRange(batch.inputs(), i * width, (i + 1) * width + 1);
                row[width] = batch.labels()[i];
                rows.add(row);
            }
        }
        return rows;
    }
}
