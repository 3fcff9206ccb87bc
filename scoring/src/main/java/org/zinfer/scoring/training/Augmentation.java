package org.zinfer.scoring.training;

import org.zinfer.formats.encoding.OneHot;

import java.util.SplittableRandom;

/**
 * What each training window may become before a step, drawn anew each epoch: its reverse complement (half the
 * time) and a shift of up to maxShift positions either way (bases pushed past one end are lost, the other end
 * fills with N). A window's draw depends only on the seed, the epoch and its place in the dataset, so a resumed
 * run, any batch size and any thread count see the same windows. Validation windows are never changed.
 */
public record Augmentation(boolean reverseComplement, int maxShift) {
    public static final Augmentation NONE = new Augmentation(false, 0);

    public Augmentation {
        if (maxShift < 0) {
            throw new IllegalArgumentException("the shift must be at least 0, got " + maxShift);
        }
    }

    public boolean any() {
        return reverseComplement || maxShift > 0;
    }

    /** Changes window [offset, offset + 4 length) of inputs, one-hot channels first, as example number 'example' of the epoch draws. */
    void apply(float[] inputs, int offset, int length, long seed, int epoch, long example) {
        if (!any()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + example);
        boolean turn = reverseComplement && random.nextBoolean();
        int shift = maxShift > 0 ? random.nextInt(2 * maxShift + 1) - maxShift : 0;
        if (turn || shift != 0) {
            transform(inputs, offset, length, turn, shift);
        }
    }

    /** The window reverse-complemented when turn (channel c reads 3 - c backwards), then shifted right by shift (left when negative). */
    static void transform(float[] inputs, int offset, int length, boolean turn, int shift) {
        float[] window = new float[OneHot.CHANNELS * length];
        for (int c = 0; c < OneHot.CHANNELS; c++) {
            int from = offset + (turn ? OneHot.CHANNELS - 1 - c : c) * length;
            for (int t = 0; t < length; t++) {
                int u = t - shift;
                window[c * length + t] = u >= 0 && u < length ? inputs[from + (turn ? length - 1 - u : u)] : 0f;
            }
        }
        System.arraycopy(window, 0, inputs, offset, window.length);
    }
}
