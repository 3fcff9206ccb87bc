package org.zinfer.scoring.kernels;

/**
 * A float array on the Java heap and a native copy for BLAS: element-wise work runs on the array, products on
 * the native copy, and each side is copied over once per use rather than once per product.
 */
public final class Mirror {
    public float[] heap;
    public NativeFloats device;

    public Mirror(int size) {
        heap = new float[Math.max(1, size)];
        device = new NativeFloats(heap.length);
    }

    /** Grows to hold size floats (contents are lost when it grows). */
    public Mirror ensure(long size) {
        if (heap.length < size) {
            heap = new float[Math.toIntExact(size)];
            device = new NativeFloats(size);
        }
        return this;
    }

    /** Copies the first n floats of the array to native memory. */
    public Mirror push(int n) {
        device.pointer.position(0).put(heap, 0, n);
        return this;
    }

    /** Copies the first n floats of native memory to the array. */
    public Mirror pull(int n) {
        device.pointer.position(0).get(heap, 0, n);
        return this;
    }
}
