package org.zinfer.scoring.keras;

/** A weight array as Keras stores it: values in row-major order and its shape. */
public record Tensor(float[] values, int[] shape) {
    public int dim(int axis) {
        return shape[axis];
    }
}
