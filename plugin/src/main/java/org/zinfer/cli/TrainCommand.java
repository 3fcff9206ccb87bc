package org.zinfer.cli;

import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.device.DeviceProvider;
import org.zinfer.scoring.model.Architectures;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.training.Augmentation;
import org.zinfer.scoring.training.Trainer;
import org.zinfer.scoring.training.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on an HDF5 dataset (zinfer simulate / zinfer dataset, or the thesis' files) and write a model bundle.",
                "Checkpoints go to OUTPUT.checkpoint after every epoch and every few minutes; run the same command again to resume."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--train", required = true, paramLabel = "H5", description = "Training windows and labels.")
    Path train;

    @Option(names = "--validation", paramLabel = "H5", description = "Validation windows (default: the last --validation-fraction of --train).")
    Path validation;

    @Option(names = "--validation-fraction", defaultValue = "0.05", paramLabel = "F", description = "Share of --train held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Model bundle to write (.zinfer).")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the output file name).")
    String name;

    @Option(names = "--architecture", defaultValue = "convrnn", paramLabel = "NAME", description = "cnn or convrnn (default: ${DEFAULT-VALUE}).")
    String architecture;

    @Option(names = "--filters", split = ",", paramLabel = "N,N", description = "Filters per conv layer (default: the thesis' sizes: convrnn 50,100 or, for one factor, 16,32; cnn 16,24,32).")
    List<Integer> filters;

    @Option(names = "--kernels", split = ",", paramLabel = "K,K", description = "Kernel size per conv layer (default: convrnn 10,4; cnn 10,10,8).")
    List<Integer> kernels;

    @Option(names = "--pool", paramLabel = "N", description = "Max-pool size after each conv layer (default: 4).")
    Integer pool;

    @Option(names = "--lstm", paramLabel = "UNITS", description = "BiLSTM units per direction (default: 100, or 32 for one factor).")
    Integer lstm;

    @Option(names = "--dense", paramLabel = "UNITS", description = "Hidden dense units (default: 100, or 32 for one factor / cnn).")
    Integer dense;

    @Option(names = "--dropout", paramLabel = "RATE", description = "Dropout rate (default: 0 for convrnn with several factors, else 0.1; with --transfer-from --fine-tune, of the new head: 0.2).")
    Double dropout;

    @Option(names = "--transfer-from", paramLabel = "MODEL", description = "Start from this model's trunk (bundle or Keras .h5, or 'builtin' for the built-in model) with a new head of K outputs.")
    Path transferFrom;

    @Option(names = "--augment-reverse-complement",
            description = "Each epoch, give each training window as its reverse complement half the time (drawn from --seed, the epoch and the window).")
    boolean augmentReverseComplement;

    @Option(names = "--augment-shift", defaultValue = "0", paramLabel = "NT",
            description = "Each epoch, shift each training window by up to NT positions either way, the freed end filled with N (default: ${DEFAULT-VALUE}).")
    int augmentShift;

    @Option(names = "--fine-tune", description = "With --transfer-from: train the trunk too (default: frozen).")
    boolean fineTune;

    @Option(names = "--head-l2", paramLabel = "L2",
            description = "With a frozen trunk, whose head is fitted exactly (no epochs, batches or learning rate): its L2 penalty"
                    + " (default: the one of 0.3, 0.1, ... 0.001 with the lowest validation loss).")
    Double headL2;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "3", paramLabel = "N", description = "Stop after this many epochs without a lower validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch", defaultValue = "1000", paramLabel = "N", description = "Windows per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "0.001", paramLabel = "LR", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--beta1", defaultValue = "0.95", paramLabel = "B", description = "Adam beta1 (default: ${DEFAULT-VALUE}, as in the thesis).")
    double beta1;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for weights, shuffling and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-minutes", defaultValue = "10", paramLabel = "MIN", description = "Also checkpoint within an epoch this often (default: ${DEFAULT-VALUE}).")
    double checkpointMinutes;

    @Option(names = "--threads", paramLabel = "N", description = "Threads of zinfer's trainer and of a frozen trunk's features (default: all cores).")
    Integer threads;

    @Option(names = "--engine", defaultValue = "fast", paramLabel = "ENGINE",
            description = "fast: zinfer's CPU trainer for conv + LSTM networks without dropout, DL4J for the rest; reference: DL4J always (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "DEVICE", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}, "
            + "which trains on the CPU). gpu: zinfer's GPU trainer in builds with its GPU engine (-Pcuda13, -Pcuda12), DL4J's in the -Pcuda build.")
    String device;

    @Override
    public Integer call() {
        Backend.checkName(device);
        Device gpu = device.equals("gpu") ? DeviceProvider.installed().map(TrainCommand::openGpu).orElse(null) : null;
        String backend = Backend.require(gpu != null ? "auto" : device);
        Backend.load();
        ModelBundle.requireBundleName(output);
        boolean fast = Flags.fastEngine(engine);
        Trainer.Settings settings = Flags.check(() -> new Trainer.Settings(epochs, batch, patience, seed, checkpointMinutes,
                new Augmentation(augmentReverseComplement, augmentShift)));
        TrainingRun.Request request = new TrainingRun.Request(train, validation, validationFraction, architecture, this::sizes,
                transferFrom, transferFrom != null ? (dropout != null ? dropout : 0.2) : 0, !fineTune, headL2, learningRate, beta1, settings,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), fast, output,
                name != null ? name : output.getFileName().toString().replaceFirst("\\.zinfer$", ""), gpu);
        System.err.println("zinfer: training on " + (gpu != null ? gpu.describe() : "ND4J backend " + backend));
        FactorModel model = Flags.check(() -> new TrainingRun(request, System.err).run());
        System.err.printf("zinfer: wrote %s: %s%n", output, model.metadata().source());
        return 0;
    }

    /** The first GPU of zinfer's GPU engine; a missing library or GPU fails here in one line. */
    private static Device openGpu(DeviceProvider provider) {
        Device gpu = provider.open(List.of(0)).get(0);
        System.err.println("zinfer: GPU engine, " + provider.describe());
        return gpu;
    }

    /** The design's sizes for K outputs: the thesis' defaults, overridden by the flags given. */
    private Architectures.Sizes sizes(int outputs) {
        Architectures.Sizes thesis = Architectures.Sizes.thesis(architecture, outputs);
        return new Architectures.Sizes(filters != null ? filters : thesis.filters(), kernels != null ? kernels : thesis.kernels(),
                pool != null ? pool : thesis.pool(), lstm != null ? lstm : thesis.lstmUnits(), dense != null ? dense : thesis.denseUnits(),
                dropout != null ? dropout : thesis.dropout());
    }
}
