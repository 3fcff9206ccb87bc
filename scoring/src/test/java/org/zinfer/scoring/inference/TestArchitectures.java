package org.zinfer.scoring.inference;

import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.genome.SequenceWindow;
import org.zinfer.formats.genome.Window;
import org.zinfer.scoring.TestWindows;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.model.NetworkBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Relatives of the thesis models that the fast engine handles, with random weights, and windows to score. */
public final class TestArchitectures {
    private TestArchitectures() {
    }

    /** The thesis' conv + BiLSTM design (widths and kernels) on windows of the given length. */
    public static Architecture thesisLike(int windowLength) {
        return thesisShaped(windowLength, 50, 100, 100, 100, 29);
    }

    /** The thesis' layers and kernels with narrow widths: cheap enough to score in an interpreting JVM. */
    public static Architecture smallThesisLike(int windowLength) {
        return thesisShaped(windowLength, 20, 36, 12, 10, 5);
    }

    private static Architecture thesisShaped(int windowLength, int filters1, int filters2, int units, int dense, int outputs) {
        return new Architecture(windowLength, 4, List.of(
                new LayerSpec.Conv1D("c1", filters1, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 4, 4),
                new LayerSpec.Conv1D("c2", filters2, 4, true, Activation.RELU), new LayerSpec.MaxPool1D("p2", 4, 4),
                new LayerSpec.Lstm("lstm", units, true), new LayerSpec.Dense("d1", dense, Activation.leakyRelu(0.3)),
                new LayerSpec.Dense("out", outputs, Activation.SIGMOID)));
    }

    /** Odd kernels, 'valid' padding, a convolution without pooling, one-directional LSTM, odd widths. */
    public static Architecture odd(int windowLength) {
        Activation leaky = Activation.leakyRelu(0.3);
        return new Architecture(windowLength, 4, List.of(
                new LayerSpec.Conv1D("c1", 13, 7, false, Activation.TANH), new LayerSpec.MaxPool1D("p1", 3, 3),
                new LayerSpec.Conv1D("c2", 21, 5, true, Activation.LINEAR),
                new LayerSpec.Conv1D("c3", 17, 3, false, leaky), new LayerSpec.MaxPool1D("p3", 2, 2),
                new LayerSpec.Lstm("lstm", 19, false), new LayerSpec.Dense("out", 3, Activation.SIGMOID)));
    }

    /** The binary CNN: three conv/pool/dropout blocks, Flatten, Dense. */
    static Architecture cnn(int windowLength) {
        return new Architecture(windowLength, 4, List.of(
                new LayerSpec.Conv1D("c1", 16, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p1", 4, 4), new LayerSpec.Dropout("d", 0.1),
                new LayerSpec.Conv1D("c2", 24, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("p2", 4, 4), new LayerSpec.Dropout("e", 0.1),
                new LayerSpec.Conv1D("c3", 32, 8, true, Activation.RELU), new LayerSpec.MaxPool1D("p3", 4, 4),
                new LayerSpec.Flatten("f"), new LayerSpec.Dense("d1", 32, Activation.RELU), new LayerSpec.Dense("out", 1, Activation.SIGMOID)));
    }

    static Stream<Architecture> all() {
        return Stream.of(thesisLike(1000), odd(600), cnn(1000));
    }

    public static FactorModel randomModel(Architecture architecture, long seed) {
        return new FactorModel(NetworkBuilder.build(architecture, seed, 1e-3, 0.9),
                new ModelMetadata("t", ModelMetadata.defaultFactorNames(architecture.outputs()), OneHot.ALPHABET,
                        architecture.windowLength(), architecture, "test", "now", "dev", null, null));
    }

    /** The windows' channel codes, [count][length], as the engine hands them to a scorer. */
    public static byte[] channels(List<SequenceWindow> windows) {
        int length = windows.get(0).length();
        byte[] channels = new byte[windows.size() * length];
        for (int i = 0; i < windows.size(); i++) {
            windows.get(i).encode(0, channels, i * length);
        }
        return channels;
    }

    /** Random windows, windows with N runs and IUPAC codes, an all-N window and repeats, cut to a length. */
    public static List<SequenceWindow> windows(int length, int seed) {
        Map<String, String> sequences = new TestWindows(seed).random(60).withUnknownBases(30).repeats(30).windows();
        List<SequenceWindow> windows = new ArrayList<>();
        for (Map.Entry<String, String> e : sequences.entrySet()) {
            byte[] bases = e.getValue().substring(0, length).getBytes(StandardCharsets.US_ASCII);
            windows.add(new SequenceWindow(new Window(e.getKey(), 0, length), bases, 0));
        }
        return windows;
    }

    /**
     * count windows at this step along one random sequence, as a scan cuts them; the sequence holds a run of N,
     * IUPAC codes and a tandem repeat, so that some windows equal others at more than one shift.
     */
    public static List<SequenceWindow> tiled(int length, int step, int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int total = length + step * (count - 1);
        byte[] bases = new byte[total];
        for (int i = 0; i < total; i++) {
            bases[i] = (byte) "ACGTacgt".charAt(random.nextInt(8));
        }
        java.util.Arrays.fill(bases, total / 3, Math.min(total, total / 3 + 40), (byte) 'N');
        for (int i = 2 * total / 3; i < Math.min(total, 2 * total / 3 + 120); i++) {
            bases[i] = (byte) "CAG".charAt(i % 3);
        }
        bases[total / 2] = 'R';
        List<SequenceWindow> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            windows.add(new SequenceWindow(new Window("tiled", i * step, i * step + length), bases, i * step));
        }
        return windows;
    }

    /** Windows as scan --reverse-complement lays them out: each window, then its reverse complement. */
    public static byte[] bothStrands(byte[] forward, int length) {
        int count = forward.length / length;
        byte[] both = new byte[2 * forward.length];
        for (int n = 0; n < count; n++) {
            System.arraycopy(forward, n * length, both, 2 * n * length, length);
            System.arraycopy(forward, n * length, both, (2 * n + 1) * length, length);
            OneHot.reverseComplementChannels(both, (2 * n + 1) * length, length);
        }
        return both;
    }
}
