package org.zinfer.scoring.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adam's state as a checkpoint holds it, laid out the same by both trainers so that either resumes the other's:
 * the steps taken, then every variable's first moments, then every variable's second moments, in the trainers'
 * variable order ({@link TrainableForm#variables}).
 */
record AdamState(long steps, List<float[]> first, List<float[]> second) {

    float[] flat() {
        int size = first.stream().mapToInt(m -> m.length).sum();
        float[] state = new float[1 + 2 * size];
        state[0] = steps;
        int at = 1;
        for (int v = 0; v < first.size(); v++) {
            System.arraycopy(first.get(v), 0, state, at, first.get(v).length);
            System.arraycopy(second.get(v), 0, state, at + size, second.get(v).length);
            at += first.get(v).length;
        }
        return state;
    }

    /** The state of variables of these sizes from its flat form. */
    static AdamState of(float[] state, int[] sizes) {
        int size = Arrays.stream(sizes).sum();
        if (state.length != 1 + 2 * size) {
            throw new IllegalArgumentException("optimizer state holds " + state.length + " values, expected " + (1 + 2 * size));
        }
        List<float[]> first = new ArrayList<>();
        List<float[]> second = new ArrayList<>();
        int at = 1;
        for (int length : sizes) {
            first.add(Arrays.copyOfRange(state, at, at + length));
            second.add(Arrays.copyOfRange(state, at + size, at + size + length));
            at += length;
        }
        return new AdamState((long) state[0], first, second);
    }
}
