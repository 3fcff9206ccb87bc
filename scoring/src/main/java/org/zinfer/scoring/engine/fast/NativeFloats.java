package org.zinfer.scoring.engine.fast;

import org.bytedeco.javacpp.FloatPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Zeroed native float memory that BLAS multiplies in place and Java reads and writes through a ByteBuffer. */
final class NativeFloats {
    final FloatPointer pointer;
    final ByteBuffer bytes;
    final long size;

    NativeFloats(long size) {
        this.size = Math.max(1, size);
        this.pointer = new FloatPointer(this.size);
        this.pointer.zero();
        this.bytes = pointer.asByteBuffer().order(ByteOrder.nativeOrder());
    }

    static NativeFloats of(float[] values) {
        NativeFloats floats = new NativeFloats(values.length);
        floats.pointer.put(values);
        return floats;
    }

    /** A pointer to element offset, for BLAS. */
    FloatPointer at(long offset) {
        return new FloatPointer(pointer).position(offset);
    }
}
