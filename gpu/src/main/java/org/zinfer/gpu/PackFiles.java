package org.zinfer.gpu;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.Architectures;

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

    /**
     * The training section's settings and files: the 29-factor design at 1000 nt trained from its first parameters
     * (seed), the gradient of the first parityWindows windows, then steps of batch windows taken in order, cycling.
     */
    record Training(int windows, int parityWindows, int batch, int steps, double learningRate, double beta1, long seed) {
        static final Training DEFAULT = new Training(1600, 16, 32, 200, 0.001, 0.95, 1);
        static final String WINDOWS = "training-windows.bin";
        /** [window][factor], little-endian floats. */
        static final String LABELS = "training-labels.f32";
        /** Every variable's first values, one after another in VARIABLES' order. */
        static final String PARAMETERS = "training-parameters.f32";
        static final String GRADIENT = "training-gradient.f32";
        /** Per variable ("layer_key"): its number of values. */
        static final String VARIABLES = "training-variables.tsv";
        /** Per step: the CPU trainer's loss of its batch. */
        static final String LOSSES = "training-loss.tsv";

        Architecture architecture(int outputs) {
            return Architectures.build(Architectures.CONVRNN, Architectures.Sizes.thesis(Architectures.CONVRNN, outputs), LENGTH, outputs);
        }

        /** The first window of step s (from 1). */
        int firstWindow(int step) {
            return (step - 1) * batch % windows;
        }

        /** Windows [from, from + count) of the codes as one-hot floats, channels first, [count][4][LENGTH]. */
        static float[] inputs(byte[] codes, int from, int count) {
            float[] x = new float[count * OneHot.CHANNELS * LENGTH];
            for (int n = 0; n < count; n++) {
                OneHot.encodeChannels(codes, (from + n) * LENGTH, LENGTH, x, n * OneHot.CHANNELS * LENGTH);
            }
            return x;
        }
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
