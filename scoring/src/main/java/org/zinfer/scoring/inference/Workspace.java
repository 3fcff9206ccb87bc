package org.zinfer.scoring.inference;

import org.zinfer.scoring.kernels.Simd;

import java.util.ArrayList;
import java.util.List;

/** One worker thread's buffers for a {@link Plan}, grown to the largest batch seen and reused. */
final class Workspace {
    private final Plan plan;
    private int capacity;
    final int[] codes;
    final List<Layers.Sequence> sequences = new ArrayList<>();
    final List<float[]> convolutionOutputs = new ArrayList<>();
    final List<float[]> denseOutputs = new ArrayList<>();
    float[] projection;
    float[] hidden;
    float[] cells;
    /** One window's activated gate blocks, each in a slot of whole vectors. */
    float[] gates;

    Workspace(Plan plan) {
        this.plan = plan;
        Layers.Convolution first = plan.convolutions.get(0);
        this.codes = new int[plan.windowLength + first.kernel - 1];
        // positions outside the window (the convolution's padding) read the zero row of each tap
        java.util.Arrays.fill(codes, 0);
    }

    void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        int slack = Simd.SPECIES.length();
        sequences.clear();
        convolutionOutputs.clear();
        denseOutputs.clear();
        for (int i = 0; i < plan.convolutions.size(); i++) {
            int[] shape = plan.sequenceShapes.get(i);
            long rows = (long) batch * (shape[0] + shape[1] + shape[2]);
            sequences.add(new Layers.Sequence(floats(rows * shape[3] + slack), shape[0], shape[1], shape[2], shape[3]));
            if (i == 0) {
                convolutionOutputs.add(null);
            } else {
                int[] input = plan.sequenceShapes.get(i - 1);
                long inputRows = (long) batch * (input[0] + input[1] + input[2]);
                convolutionOutputs.add(floats(inputRows * shape[3] + slack));
            }
        }
        Layers.Lstm lstm = plan.lstm;
        if (lstm != null) {
            int steps = plan.sequenceShapes.get(plan.sequenceShapes.size() - 1)[1];
            projection = floats((long) batch * steps * lstm.directions() * 4 * lstm.units + slack);
            hidden = floats((long) batch * lstm.directions() * lstm.slot());
            cells = new float[batch * lstm.directions() * lstm.slot()];
            gates = new float[4 * lstm.slot()];
        }
        for (Layers.Dense dense : plan.dense) {
            denseOutputs.add(floats((long) batch * dense.units));
        }
    }

    private static float[] floats(long size) {
        return new float[Math.toIntExact(size)];
    }
}
