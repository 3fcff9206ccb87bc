package org.zinfer.scoring.kernels;

import org.bytedeco.javacpp.FloatPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Zeroed native float memory that BLAS multiplies in place and Java reads and writes through a ByteBuffer. */
public final class NativeFloats {
    public final FloatPointer pointer;
    public final ByteBuffer bytes;
    public final long size;

    public NativeFloats(long size) {
        this.size = Math.max(1, size);
        this.pointer = new FloatPointer(this.size);
        this.pointer.zero();
        this.bytes = pointer.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    public static NativeFloats of(float[] values) {
        NativeFloats floats = new NativeFloats(values.length);
        floats.pointer.put(values);
        return floats;
    }

    /** A pointer to element offset, for BLAS. */
    public FloatPointer at(long offset) {
        return new FloatPointer(pointer).position(offset);
    }
}
