package org.zinfer.gpu;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.formats.motif.MotifMatrix;
import org.zinfer.formats.motif.TransfacReader;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.model.Parameters;
import org.zinfer.scoring.simulation.Background;
import org.zinfer.scoring.simulation.MotifSelection;
import org.zinfer.scoring.simulation.WindowSimulator;
import org.zinfer.scoring.training.ConvLstmTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The CPU trainer's side of the device check's training section, computed here by pack.sh (the CPU trainer reads its
 * network through ND4J, which cannot travel): simulated windows of the 29 factors, the 29-factor design's first
 * parameters, their gradient on the first windows, and the loss of each of 200 Adam steps.
 * <p>usage: PackTraining MOTIFS.transfac FACTOR,FACTOR,... OUT_DIR
 */
public final class PackTraining {
    private PackTraining() {
    }

    public static void main(String[] args) throws IOException {
        List<MotifMatrix> motifs = MotifSelection.select(TransfacReader.read(Path.of(args[0])), List.of(args[1].split(",")), Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[2]));
        PackFiles.Training training = PackFiles.Training.DEFAULT;
        byte[] codes = new byte[training.windows() * PackFiles.LENGTH];
        float[] labels = new float[training.windows() * motifs.size()];
        int[] next = {0};
        new WindowSimulator(motifs, Background.iid(0.41), new WindowSimulator.Settings(training.windows(), PackFiles.LENGTH,
                WindowSimulator.Settings.defaultPresence(motifs.size()), 1, 3, 11)).simulate((bases, present) -> {
                    OneHot.channels(bases, 0, PackFiles.LENGTH, codes, next[0] * PackFiles.LENGTH);
                    for (int k = 0; k < present.length; k++) {
                        labels[next[0] * present.length + k] = present[k] ? 1f : 0f;
                    }
                    next[0]++;
                }, ProgressMeter.silent());
        Architecture architecture = training.architecture(motifs.size());
        ComputationGraph network = NetworkBuilder.build(architecture, training.seed(), training.learningRate(), training.beta1());
        ConvLstmTrainer trainer = ConvLstmTrainer.of(architecture, network, training.learningRate(), training.beta1(),
                Runtime.getRuntime().availableProcessors(), training.seed()).orElseThrow();
        trainer.gradient(PackFiles.Training.inputs(codes, 0, training.parityWindows()), Arrays.copyOf(labels, training.parityWindows() * motifs.size()),
                training.parityWindows());
        Map<String, float[]> gradients = trainer.gradients();
        Parameters parameters = Parameters.of(network);
        List<String> variables = new ArrayList<>(List.of("variable\tvalues"));
        List<float[]> values = new ArrayList<>();
        for (Map.Entry<String, float[]> gradient : gradients.entrySet()) {
            String name = gradient.getKey();
            int split = name.lastIndexOf('_');
            values.add(parameters.get(name.substring(0, split), name.substring(split + 1)));
            variables.add(name + "\t" + gradient.getValue().length);
        }
        List<String> losses = new ArrayList<>(List.of("step\tloss"));
        for (int step = 1; step <= training.steps(); step++) {
            int from = training.firstWindow(step);
            double loss = trainer.fit(PackFiles.Training.inputs(codes, from, training.batch()),
                    Arrays.copyOfRange(labels, from * motifs.size(), (from + training.batch()) * motifs.size()), training.batch());
            losses.add(step + "\t" + loss);
        }
        Files.write(out.resolve(PackFiles.Training.WINDOWS), codes);
        Files.write(out.resolve(PackFiles.Training.LABELS), PackFiles.littleEndian(labels));
        Files.write(out.resolve(PackFiles.Training.PARAMETERS), PackFiles.littleEndian(concatenate(values)));
        Files.write(out.resolve(PackFiles.Training.GRADIENT), PackFiles.littleEndian(concatenate(new ArrayList<>(gradients.values()))));
        Files.write(out.resolve(PackFiles.Training.VARIABLES), variables);
        Files.write(out.resolve(PackFiles.Training.LOSSES), losses);
        System.err.printf("zinfer: CPU training reference: %d simulated windows, %d steps, loss %s -> %s%n", training.windows(),
                training.steps(), losses.get(1).split("\t")[1], losses.get(losses.size() - 1).split("\t")[1]);
    }

    private static float[] concatenate(List<float[]> arrays) {
        float[] all = new float[arrays.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }
}
