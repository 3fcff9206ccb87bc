package org.zinfer.scoring.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.zinfer.formats.InputException;
import org.zinfer.scoring.engine.ProgressMeter;
import org.zinfer.scoring.evaluation.FactorMetrics;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Fits a network with mini-batches of binary cross-entropy, shuffled anew each epoch; after each epoch
 * measures validation loss and mean ROC AUC, keeps the parameters of the epoch with the lowest validation
 * loss and stops when it has not improved for 'patience' epochs. A checkpoint is written after every epoch
 * and every few minutes within one; a run that finds its checkpoint carries on from there. Steps are taken by
 * zinfer's CPU or device trainer where it handles the network, else by DL4J.
 */
public final class Trainer {
    private final Examples train;
    private final Examples validation;
    private final Settings settings;
    private final Checkpoint checkpoint;
    private final PrintStream log;
    private final Function<ComputationGraph, Optional<BatchTrainer>> fastTrainers;
    private final Function<ComputationGraph, float[]> validationScores;
    private ComputationGraph network;
    /** Takes the steps when present; then the network holds the parameters only after {@link #sync()}. */
    private BatchTrainer fast;
    private INDArray bestParameters;

    /** augmentation: what training windows may become each epoch ({@link Augmentation#NONE}: nothing). */
    public record Settings(int epochs, int batchSize, int patience, long seed, double checkpointMinutes, Augmentation augmentation) {
        public Settings {
            if (epochs < 1 || batchSize < 1 || patience < 1) {
                throw new IllegalArgumentException("epochs, batch size and patience must be at least 1");
            }
        }
    }

    /**
     * fastTrainers: zinfer's CPU or device trainer for a network, when it can train it (empty: DL4J trains);
     * validationScores: a network's scores for the validation examples, [example][factor].
     */
    public Trainer(ComputationGraph network, Examples train, Examples validation, Settings settings, Checkpoint checkpoint, PrintStream log,
                   Function<ComputationGraph, Optional<BatchTrainer>> fastTrainers, Function<ComputationGraph, float[]> validationScores) {
        if (train.size() == 0 || validation.size() == 0) {
            throw new InputException("training needs at least one training and one validation window (have " + train.size() + " and " + validation.size() + ")");
        }
        this.network = network;
        this.train = train;
        this.validation = validation;
        this.settings = settings;
        this.checkpoint = checkpoint;
        this.log = log;
        this.fastTrainers = fastTrainers;
        this.validationScores = validationScores;
    }

    /** Trains, leaves the best epoch's parameters in {@link #network()}, and returns the epochs run. */
    public List<EpochRecord> run(String fingerprint) {
        TrainingState state = resume(fingerprint);
        log.println("zinfer: training with " + (fast != null ? fast.describe() : "DL4J"));
        while (state.epoch() < settings.epochs() && state.epochsWithoutGain() < settings.patience()) {
            state = epoch(state);
            EpochRecord last = state.history().get(state.history().size() - 1);
            if (state.improvedLastEpoch()) {
                bestParameters = network.params().dup();
            }
            log.printf("zinfer: epoch %d/%d: loss %.4f, validation loss %.4f, validation AUC %.4f%s, %.0f s%n",
                    last.epoch() + 1, settings.epochs(), last.loss(), last.validationLoss(), last.validationAuc(),
                    state.improvedLastEpoch() ? " (best)" : "", last.seconds());
            save(state);
        }
        if (state.epochsWithoutGain() >= settings.patience()) {
            log.printf("zinfer: validation loss has not improved for %d epochs; stopping, keeping epoch %d%n", settings.patience(), state.bestEpoch() + 1);
        }
        if (bestParameters != null) {
            network.setParams(bestParameters);
        }
        return state.history();
    }

    public ComputationGraph network() {
        return network;
    }

    private TrainingState resume(String fingerprint) {
        if (!checkpoint.exists()) {
            fast = fastTrainers.apply(network).orElse(null);
            return TrainingState.start(fingerprint);
        }
        Checkpoint.Saved saved = checkpoint.load();
        if (!saved.state().fingerprint().equals(fingerprint)) {
            throw new InputException("checkpoint " + checkpoint.file() + " belongs to a training run with other data or flags; delete it to start over");
        }
        network = saved.network();
        bestParameters = saved.bestParameters();
        fast = fastTrainers.apply(network).orElse(null);
        if (fast != null && saved.optimizer() != null) {
            fast.restoreOptimizerState(saved.optimizer());
        }
        TrainingState state = saved.state();
        log.printf("zinfer: resuming from checkpoint %s at epoch %d, batch %d%n", checkpoint.file(), state.epoch() + 1, state.batch());
        return state;
    }

    private TrainingState epoch(TrainingState state) {
        long started = System.nanoTime();
        long lastSave = started;
        int epoch = state.epoch();
        Nd4j.getRandom().setSeed(settings.seed() + epoch * 7919L + state.batch());
        ProgressMeter progress = new ProgressMeter(log, "windows of epoch " + (epoch + 1), train.size(), 30);
        double lossSum = state.epochLossSum();
        long windows = state.epochWindows();
        try (ReadAhead<Examples.Rows> batches = new ReadAhead<>(new ShuffledBatches(train, settings.batchSize(), settings.seed(), epoch,
                settings.augmentation()))) {
            for (long b = 0; batches.hasNext(); b++) {
                Examples.Rows rows = batches.next();
                if (b < state.batch()) {
                    progress.advance(rows.count());
                    continue;
                }
                lossSum += step(rows) / train.factors() * rows.count();
                windows += rows.count();
                progress.advance(rows.count());
                if ((System.nanoTime() - lastSave) / 60e9 >= settings.checkpointMinutes() && batches.hasNext()) {
                    sync();
                    save(state.inEpoch(b + 1, lossSum, windows));
                    lastSave = System.nanoTime();
                }
            }
        }
        sync();
        float[] scores = validationScores.apply(network);
        float[] labels = validation.labels();
        List<String> factors = IntStream.range(0, validation.factors()).mapToObj(String::valueOf).toList();
        double auc = FactorMetrics.of(factors, scores, labels).meanRocAuc();
        double seconds = (System.nanoTime() - started) / 1e9;
        EpochRecord record = new EpochRecord(epoch, lossSum / windows, FactorMetrics.crossEntropy(scores, labels), auc, seconds);
        return state.inEpoch(0, 0, 0).afterEpoch(record);
    }

    /** One step on a batch; returns its loss (mean over windows, summed over factors). */
    private double step(Examples.Rows rows) {
        if (fast != null) {
            return fast.fit(rows.inputs(), rows.labels(), rows.count());
        }
        network.fit(dataSet(rows, train));
        return network.score();
    }

    /** Brings the network up to the parameters the fast trainer holds. */
    private void sync() {
        if (fast != null) {
            fast.store(network);
        }
    }

    private void save(TrainingState state) {
        checkpoint.save(network, bestParameters, state, fast != null ? fast.optimizerState() : null);
    }

    static DataSet dataSet(Examples.Rows rows, Examples examples) {
        return new DataSet(input(rows, examples), Nd4j.create(rows.labels(), new long[] {rows.count(), examples.factors()}, 'c'));
    }

    private static INDArray input(Examples.Rows rows, Examples examples) {
        long[] one = examples.inputShape();
        long[] shape = new long[one.length + 1];
        shape[0] = rows.count();
        System.arraycopy(one, 0, shape, 1, one.length);
        return Nd4j.create(rows.inputs(), shape, 'c');
    }
}
