package org.zinfer.gpu;

import org.zinfer.formats.encoding.OneHot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files {@link PackReference} writes and {@link DeviceCheck} reads, in pure Java (no ND4J). */
final class PackFiles {
    static final int LENGTH = 1000;
    static final String SLICE = "slice.fa";
    static final String WINDOWS = "windows.bin";
    /** Per model file: its number of outputs; its scores are in MODEL.f32, little-endian, window after window. */
    static final String REFERENCE = "reference.tsv";

    private PackFiles() {
    }

    /** count windows spread evenly over the slice, as channel codes. */
    static byte[] windows(byte[] slice, int count) {
        byte[] channels = new byte[count * LENGTH];
        long span = slice.length - LENGTH;
        for (int i = 0; i < count; i++) {
            int from = (int) (span * i / Math.max(1, count - 1));
            OneHot.channels(slice, from, LENGTH, channels, i * LENGTH);
        }
        return channels;
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The models of the reference, by file name, with their number of outputs. */
    static Map<String, Integer> models(Path reference) throws IOException {
        List<String> lines = Files.readAllLines(reference.resolve(REFERENCE));
        Map<String, Integer> models = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t");
            models.put(fields[0], Integer.parseInt(fields[1]));
        }
        return models;
    }
}
