package org.zinfer.scoring.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.zinfer.formats.InputException;
import org.zinfer.formats.dataset.WindowDataset;
import org.zinfer.formats.encoding.OneHot;
import org.zinfer.scoring.bundle.ModelBundle;
import org.zinfer.scoring.bundle.ModelLoader;
import org.zinfer.scoring.bundle.Version;
import org.zinfer.scoring.compute.Backend;
import org.zinfer.scoring.compute.Scorers;
import org.zinfer.scoring.device.Device;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.evaluation.DatasetScores;
import org.zinfer.scoring.model.Parameters;
import org.zinfer.scoring.model.Architecture;
import org.zinfer.scoring.model.Architectures;
import org.zinfer.scoring.model.FactorModel;
import org.zinfer.scoring.model.ModelMetadata;
import org.zinfer.scoring.model.NetworkBuilder;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One `zinfer train`: opens the data, builds the network (a named design, or a trained model's trunk under
 * a new head), trains it with checkpoints beside the output, and writes a model bundle whose metadata
 * holds the training record (data, flags, per-epoch loss and AUC).
 */
public final class TrainingRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to train on and how. transferFrom null: train the design from scratch. headL2: the penalty of a frozen
     * trunk's head, null to choose it by validation loss. device: the GPU that takes the steps ({@link DeviceTrainer}),
     * null for the CPU.
     */
    public record Request(Path trainFile, Path validationFile, double validationFraction,
                          String design, IntFunction<Architectures.Sizes> sizes,
                          Path transferFrom, double headDropout, boolean freezeTrunk, Double headL2,
                          double learningRate, double beta1, Trainer.Settings settings, int threads,
                          boolean fastEngine, Path output, String name, Device device) {
    }

    private final Request request;
    private final PrintStream log;

    public TrainingRun(Request request, PrintStream log) {
        this.request = request;
        this.log = log;
    }

    public FactorModel run() {
        try (WindowDataset train = WindowDataset.open(request.trainFile());
             WindowDataset validationFile = request.validationFile() == null ? null : WindowDataset.open(request.validationFile())) {
            if (request.settings().augmentation().maxShift() >= train.windowLength()) {
                throw new InputException("--augment-shift " + request.settings().augmentation().maxShift() + " would push a whole window of "
                        + train.windowLength() + " nt out of itself; give less than the window length");
            }
            if (request.headL2() != null && (request.transferFrom() == null || !request.freezeTrunk())) {
                throw new InputException("--head-l2 is the penalty of a frozen trunk's head, fitted exactly; with --fine-tune or"
                        + " without --transfer-from the network trains by epochs");
            }
            HeadFits.requireValid(request.headL2());
            DatasetExamples[] split = examples(train, validationFile);
            List<String> factors = train.factors();
            long started = System.nanoTime();
            Checkpoint checkpoint = new Checkpoint(request.output().resolveSibling(request.output().getFileName() + ".checkpoint"));
            Trained trained = request.transferFrom() == null ? fromScratch(train, split, checkpoint) : transfer(train, split, checkpoint);
            double seconds = (System.nanoTime() - started) / 1e9;
            ModelMetadata metadata = new ModelMetadata(request.name(), factors, OneHot.ALPHABET, train.windowLength(), trained.architecture(),
                    source(train, trained), Instant.now().toString(), Version.current(), null,
                    record(train, split, trained, seconds).toString());
            FactorModel model = new FactorModel(trained.network(), metadata);
            ModelBundle.write(model, request.output());
            checkpoint.delete();
            return model;
        }
    }

    /** A trained network and how: epochs of stochastic training, or (a frozen trunk's head) the exact fits tried. */
    private record Trained(Architecture architecture, ComputationGraph network, List<EpochRecord> history, HeadFits fits) {
    }

    private Trained fromScratch(WindowDataset train, DatasetExamples[] split, Checkpoint checkpoint) {
        int outputs = train.factors().size();
        Architecture architecture = Architectures.build(request.design(), request.sizes().apply(outputs), train.windowLength(), outputs);
        return trainWhole(NetworkBuilder.build(architecture, request.settings().seed(), request.learningRate(), request.beta1()),
                split, checkpoint, architecture);
    }

    /** The source model's trunk (moved to this window length if need be) under a new head, trunk parameters copied. */
    private Trained transfer(WindowDataset train, DatasetExamples[] split, Checkpoint checkpoint) {
        FactorModel source = ModelLoader.loadOrBuiltin(request.transferFrom());
        Architecture trunk = Architectures.trunk(source.metadata().architecture());
        if (source.windowLength() != train.windowLength()) {
            trunk = Architectures.resized(trunk, train.windowLength()).orElseThrow(() -> new InputException("model " + request.transferFrom()
                    + " reads windows of " + source.windowLength() + " nt but " + train.path() + " holds windows of " + train.windowLength()
                    + "; only trunks without Flatten (conv + LSTM) work at another length"));
            log.printf("zinfer: the trunk of %s (windows of %d nt) is used on windows of %d nt%n", request.transferFrom(), source.windowLength(), train.windowLength());
        }
        Architecture architecture = Architectures.withHead(trunk, train.factors().size(), request.freezeTrunk() ? 0 : request.headDropout());
        ComputationGraph network = NetworkBuilder.build(architecture, request.settings().seed(), request.learningRate(), request.beta1());
        Transfer.copyParameters(source.network(), network);
        return request.freezeTrunk() ? trainHead(trunk, network, split, architecture)
                : trainWhole(network, split, checkpoint, architecture);
    }

    private Trained trainWhole(ComputationGraph network, DatasetExamples[] split, Checkpoint checkpoint, Architecture architecture) {
        Function<ComputationGraph, Optional<BatchTrainer>> fast = fastTrainers(architecture);
        DatasetExamples validation = split[1];
        Function<ComputationGraph, float[]> scores = n -> DatasetScores.score(
                Scorers.forNetwork(architecture, n, request.fastEngine(), request.threads(), request.settings().batchSize()),
                validation.dataset(), validation.from(), validation.to(), request.settings().batchSize(), ProgressMeter.silent());
        Trainer trainer = new Trainer(network, split[0], validation, request.settings(), checkpoint, log, fast, scores);
        List<EpochRecord> history = trainer.run(fingerprint(architecture, split));
        return new Trained(architecture, trainer.network(), history, null);
    }

    /** Who takes the steps: the device trainer on the GPU asked for, else zinfer's CPU trainer where it can, else DL4J. */
    private Function<ComputationGraph, Optional<BatchTrainer>> fastTrainers(Architecture architecture) {
        Device device = request.device();
        long seed = request.settings().seed();
        if (device != null) {
            return n -> Optional.of(DeviceTrainer.of(architecture, Parameters.of(n), device.openStream(), device.describe(),
                    request.learningRate(), request.beta1(), seed).orElseThrow(() -> new InputException("--device gpu: zinfer's GPU trainer"
                    + " takes conv (+ max pool) -> (Bi)LSTM -> Dense networks with sigmoid outputs; train this one with --device cpu")));
        }
        if (request.fastEngine() && Backend.isCpu()) {
            return n -> ConvLstmTrainer.of(architecture, n, request.learningRate(), request.beta1(), request.threads(), seed).map(t -> t);
        }
        return n -> Optional.empty();
    }

    /** A frozen trunk: its features once per window, then the head fitted exactly (see {@link HeadFits}). */
    private Trained trainHead(Architecture trunk, ComputationGraph network, DatasetExamples[] split, Architecture architecture) {
        if (request.settings().augmentation().any()) {
            throw new InputException("augmentation changes the windows, but a frozen trunk's features are computed once from them;"
                    + " add --fine-tune to train the whole network on augmented windows, or leave augmentation out");
        }
        log.println("zinfer: trunk frozen; computing its features once for " + (split[0].size() + split[1].size()) + " windows");
        FeatureExamples train = Transfer.features(trunk, network, split[0], request.threads(), log);
        FeatureExamples validation = Transfer.features(trunk, network, split[1], request.threads(), log);
        HeadFits fits = HeadFits.of(train, validation, request.headL2(), request.threads(), log);
        fits.best().copyInto(network.getLayer(Architectures.HEAD));
        return new Trained(architecture, network, List.of(), fits);
    }

    private DatasetExamples[] examples(WindowDataset train, WindowDataset validationFile) {
        if (validationFile == null) {
            if (!(request.validationFraction() > 0 && request.validationFraction() < 1)) {
                throw new InputException("--validation-fraction must lie between 0 and 1, got " + request.validationFraction());
            }
            return new DatasetExamples(train).splitLast(request.validationFraction());
        }
        if (validationFile.factors().size() != train.factors().size()) {
            throw new InputException("validation dataset " + validationFile.path() + " has " + validationFile.factors().size()
                    + " factors but " + train.path() + " has " + train.factors().size());
        }
        if (validationFile.windowLength() != train.windowLength()) {
            throw new InputException("validation dataset " + validationFile.path() + " holds windows of " + validationFile.windowLength() + " nt, " + train.path() + " of " + train.windowLength());
        }
        return new DatasetExamples[] {new DatasetExamples(train), new DatasetExamples(validationFile)};
    }

    /** The data and flags of this run; a checkpoint only resumes a run with the same fingerprint. */
    private String fingerprint(Architecture architecture, DatasetExamples[] split) {
        ObjectNode json = JSON.createObjectNode();
        json.put("train", request.trainFile().toAbsolutePath().toString());
        json.put("train_windows", split[0].size());
        json.put("validation_windows", split[1].size());
        json.put("validation", request.validationFile() == null ? "" : request.validationFile().toAbsolutePath().toString());
        json.putPOJO("architecture", architecture);
        json.put("transfer_from", request.transferFrom() == null ? "" : request.transferFrom().toAbsolutePath().toString());
        json.put("freeze", request.freezeTrunk());
        json.put("learning_rate", request.learningRate());
        json.put("beta1", request.beta1());
        json.put("fast_engine", request.fastEngine());
        // --epochs, --patience and --checkpoint-minutes may change on resume: train longer, or stop now and keep the best epoch
        json.put("batch", request.settings().batchSize());
        json.put("seed", request.settings().seed());
        json.putPOJO("augmentation", request.settings().augmentation());
        return json.toString();
    }

    private String source(WindowDataset train, Trained trained) {
        String how = request.transferFrom() == null ? request.design() + " trained from scratch"
                : "trunk of " + request.transferFrom().getFileName() + (request.freezeTrunk() ? " (frozen)" : "") + " with a new head";
        return "zinfer train: " + how + " on " + train.path().getFileName() + " (" + train.size() + " windows, "
                + train.factors().size() + (train.factors().size() == 1 ? " factor), " : " factors), ")
                + (trained.fits() == null ? trained.history().size() + " epochs" : "fitted exactly, L2 penalty " + trained.fits().chosen().l2());
    }

    private ObjectNode record(WindowDataset train, DatasetExamples[] split, Trained trained, double seconds) {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode data = json.putObject("data");
        data.put("train", train.path().toString());
        data.put("train_windows", split[0].size());
        data.put("validation", request.validationFile() == null ? "last " + request.validationFraction() + " of train" : request.validationFile().toString());
        data.put("validation_windows", split[1].size());
        data.put("provenance", train.provenance());
        ObjectNode flags = json.putObject("flags");
        flags.put("design", request.transferFrom() == null ? request.design() : null);
        flags.put("transfer_from", request.transferFrom() == null ? null : request.transferFrom().toString());
        flags.put("freeze_trunk", request.freezeTrunk());
        json.put("seconds", Math.round(seconds));
        if (trained.fits() != null) {
            flags.put("head_l2", request.headL2());
            json.putPOJO("head_fits", trained.fits().all());
            json.put("head_l2", trained.fits().chosen().l2());
            return json;
        }
        flags.put("head_dropout", request.headDropout());
        flags.put("learning_rate", request.learningRate());
        flags.put("beta1", request.beta1());
        flags.put("engine", request.fastEngine() ? "fast" : "reference");
        flags.put("device", request.device() != null || !Backend.isCpu() ? "gpu" : "cpu");
        flags.putPOJO("settings", request.settings());
        List<EpochRecord> history = trained.history();
        json.putPOJO("epochs", history);
        int best = 0;
        for (int i = 1; i < history.size(); i++) {
            best = history.get(i).validationLoss() < history.get(best).validationLoss() ? i : best;
        }
        json.put("best_epoch", best + 1);
        return json;
    }
}
