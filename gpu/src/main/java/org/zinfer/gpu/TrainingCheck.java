package org.zinfer.gpu;

import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceStream;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.training.DeviceTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device check's training sections: the device trainer against the CPU trainer's gradient and losses that
 * {@link PackTraining} computed here, and its training throughput, on the 29-factor design at 1000 nt.
 */
final class TrainingCheck {
    private static final double GRADIENT_PARITY = 1e-4;
    private static final double LOSS_PARITY = 1e-3;
    private final PackFiles.Training training = PackFiles.Training.DEFAULT;
    private final Device device;
    private final byte[] windows;
    private final float[] labels;
    private final int factors;
    private final Map<String, float[]> parameters = new LinkedHashMap<>();
    private final Map<String, float[]> gradient = new LinkedHashMap<>();
    private final Architecture architecture;

    TrainingCheck(Path pack, Device device) throws IOException {
        this.device = device;
        this.windows = Files.readAllBytes(pack.resolve(PackFiles.Training.WINDOWS));
        this.labels = PackFiles.floats(Files.readAllBytes(pack.resolve(PackFiles.Training.LABELS)));
        this.factors = labels.length / training.windows();
        this.architecture = training.architecture(factors);
        float[] values = PackFiles.floats(Files.readAllBytes(pack.resolve(PackFiles.Training.PARAMETERS)));
        float[] gradients = PackFiles.floats(Files.readAllBytes(pack.resolve(PackFiles.Training.GRADIENT)));
        int at = 0;
        List<String> variables = Files.readAllLines(pack.resolve(PackFiles.Training.VARIABLES));
        for (String line : variables.subList(1, variables.size())) {
            String[] fields = line.split("\t");
            int size = Integer.parseInt(fields[1]);
            parameters.put(fields[0], Arrays.copyOfRange(values, at, at + size));
            gradient.put(fields[0], Arrays.copyOfRange(gradients, at, at + size));
            at += size;
        }
    }

    private DeviceTrainer trainer(DeviceStream stream) {
        return DeviceTrainer.of(architecture, (layer, key) -> parameters.get(layer + "_" + key), stream, device.describe(),
                training.learningRate(), training.beta1(), training.seed()).orElseThrow();
    }

    private float[] labels(int from, int count) {
        return Arrays.copyOfRange(labels, from * factors, (from + count) * factors);
    }

    /** The gradient of the first windows' loss, variable by variable, against the CPU trainer's. */
    void gradientParity(List<String> report) {
        int count = training.parityWindows();
        report.add("Gradient of the loss of the first " + count + " simulated windows at the design's first parameters, device trainer against "
                + "the CPU trainer (computed by pack.sh); max |difference| / max |CPU gradient| must be at most " + GRADIENT_PARITY + ".");
        report.add("");
        report.add("| variable | values | relative difference | |");
        report.add("|---|---|---|---|");
        try (DeviceStream stream = device.openStream()) {
            DeviceTrainer trainer = trainer(stream);
            trainer.gradient(PackFiles.Training.inputs(windows, 0, count), labels(0, count), count);
            for (Map.Entry<String, float[]> ours : trainer.gradients().entrySet()) {
                float[] expected = gradient.get(ours.getKey());
                double largest = 0;
                double difference = 0;
                for (int i = 0; i < expected.length; i++) {
                    largest = Math.max(largest, Math.abs(expected[i]));
                    difference = Math.max(difference, Math.abs(expected[i] - ours.getValue()[i]));
                }
                double relative = difference / largest;
                report.add(String.format("| %s | %,d | %.2e | %s |", ours.getKey(), expected.length, relative, relative <= GRADIENT_PARITY ? "ok" : "FAILS"));
            }
        }
    }

    /** steps Adam steps from the same start on the same batches: each step's loss against the CPU trainer's. */
    void losses(Path pack, int steps, List<String> report) throws IOException {
        List<String> lines = Files.readAllLines(pack.resolve(PackFiles.Training.LOSSES));
        double[] expected = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(l.split("\t")[1])).toArray();
        double largest = 0;
        double last = Double.NaN;
        long started = System.nanoTime();
        try (DeviceStream stream = device.openStream()) {
            DeviceTrainer trainer = trainer(stream);
            for (int step = 1; step <= steps; step++) {
                int from = training.firstWindow(step);
                last = trainer.fit(PackFiles.Training.inputs(windows, from, training.batch()), labels(from, training.batch()), training.batch());
                largest = Math.max(largest, Math.abs(last - expected[step - 1]));
            }
        }
        double difference = Math.abs(last - expected[steps - 1]);
        report.add(String.format("%s%d Adam steps of %d simulated windows (learning rate %s, beta1 %s) from the CPU trainer's start: loss of step %d "
                        + "%.6f on the device, %.6f on the CPU (difference %.2e, must be at most %s); largest difference over the steps %.2e; %.1f s",
                difference <= LOSS_PARITY ? "- " : "- FAILS: ", steps, training.batch(), training.learningRate(), training.beta1(), steps, last,
                expected[steps - 1], difference, LOSS_PARITY, largest, (System.nanoTime() - started) / 1e9));
    }

    /**
     * Windows per second of training steps (one-hot floats built from the codes, uploaded, forward, backward, Adam)
     * at each batch size, for about the given seconds each after two warm-up steps; lines "train batch=B windows_per_s=R".
     */
    List<String> throughput(List<Integer> batches, double seconds, List<String> report) {
        List<String> lines = new ArrayList<>();
        report.add("The " + factors + "-factor design at " + PackFiles.LENGTH + " nt: windows per second of device training steps.");
        report.add("");
        report.add("| batch | steps | windows/s |");
        report.add("|---|---|---|");
        for (int batch : batches) {
            try (DeviceStream stream = device.openStream()) {
                DeviceTrainer trainer = trainer(stream);
                int[] next = {0};
                Runnable step = () -> {
                    int from = next[0];
                    next[0] = (next[0] + batch) % (training.windows() - batch);
                    trainer.fit(PackFiles.Training.inputs(windows, from, batch), labels(from, batch), batch);
                };
                step.run();
                step.run();
                long started = System.nanoTime();
                int steps = 0;
                while (steps < 3 || System.nanoTime() - started < seconds * 1e9) {
                    step.run();
                    steps++;
                }
                double rate = (double) steps * batch / ((System.nanoTime() - started) / 1e9);
                report.add(String.format("| %d | %d | %,.0f |", batch, steps, rate));
                lines.add(String.format("train batch=%d windows_per_s=%.1f", batch, rate));
            }
        }
        return lines;
    }
}
