import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.scoring.model.Activation;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.LayerSpec;
import org.zinfer.scoring.model.NetworkBuilder;
import org.zinfer.scoring.training.ConvLstmTrainer;

import java.util.List;
import java.util.Random;

/**
 * Training throughput of the thesis' 29-factor conv + BiLSTM architecture, as zinfer builds it, on random
 * one-hot windows and labels (Adam, binary cross-entropy), by DL4J or by zinfer's CPU trainer. Prints one
 * line: dl4j_train or zinfer_train windows/s.
 *
 * usage: java -cp plugin/target/zinfer.jar benchmarks/TrainingBenchmark.java [batch] [batches] [workspaces] [dl4j|zinfer]
 */
public class TrainingBenchmark {
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        boolean workspaces = args.length <= 2 || Boolean.parseBoolean(args[2]);
        boolean zinfer = args.length > 3 && args[3].equals("zinfer");
        Architecture architecture = new Architecture(1000, 4, List.of(
                new LayerSpec.Conv1D("conv1d", 50, 10, true, Activation.RELU), new LayerSpec.MaxPool1D("max_pooling1d", 4, 4),
                new LayerSpec.Conv1D("conv1d_1", 100, 4, true, Activation.RELU), new LayerSpec.MaxPool1D("max_pooling1d_1", 4, 4),
                new LayerSpec.Lstm("bidirectional", 100, true), new LayerSpec.Dense("dense", 100, Activation.leakyRelu(0.3)),
                new LayerSpec.Dense("dense_1", 29, Activation.SIGMOID)));
        ComputationGraph network = NetworkBuilder.build(architecture, 1, 1e-3, 0.95);
        if (!workspaces) {
            network.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        }
        Random random = new Random(1);
        float[] x = new float[batch * 4 * 1000];
        float[] y = new float[batch * 29];
        for (int n = 0; n < batch; n++) {
            for (int p = 0; p < 1000; p++) {
                x[n * 4000 + random.nextInt(4) * 1000 + p] = 1;
            }
            for (int k = 0; k < 29; k++) {
                y[n * 29 + k] = random.nextInt(10) == 0 ? 1 : 0;
            }
        }
        INDArray features = Nd4j.create(x, new long[] {batch, 4, 1000}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {batch, 29}, 'c');
        DataSet data = new DataSet(features, labels);
        ConvLstmTrainer trainer = zinfer ? ConvLstmTrainer.of(architecture, network, 1e-3, 0.95, Runtime.getRuntime().availableProcessors(), 1).orElseThrow() : null;
        Runnable step = zinfer ? () -> trainer.fit(x, y, batch) : () -> network.fit(data);
        for (int i = 0; i < 2; i++) {
            step.run();
        }
        long started = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            step.run();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (zinfer) {
            System.out.printf("zinfer_train batch=%d windows_per_s=%.1f%n", batch, batches * batch / seconds);
            return;
        }
        System.out.printf("dl4j_train batch=%d workspaces=%s OMP_WAIT_POLICY=%s windows_per_s=%.1f%n", batch, workspaces,
                System.getenv("OMP_WAIT_POLICY"), batches * batch / seconds);
    }
}
