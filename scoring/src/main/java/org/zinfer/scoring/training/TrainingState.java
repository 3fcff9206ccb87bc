package org.zinfer.scoring.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands, as a checkpoint stores it: the next epoch and batch to run, the best
 * validation loss so far and its epoch, epochs since it last improved, the loss summed over the current
 * epoch's finished batches, and the finished epochs. The fingerprint names the data and flags the run was
 * started with, so that a checkpoint is never resumed by a different run.
 */
public record TrainingState(String fingerprint, int epoch, long batch, double bestLoss, int bestEpoch, int epochsWithoutGain,
                            double epochLossSum, long epochWindows, List<EpochRecord> history) {
    public TrainingState {
        history = List.copyOf(history);
    }

    static TrainingState start(String fingerprint) {
        return new TrainingState(fingerprint, 0, 0, Double.POSITIVE_INFINITY, -1, 0, 0, 0, List.of());
    }

    TrainingState inEpoch(long nextBatch, double lossSum, long windows) {
        return new TrainingState(fingerprint, epoch, nextBatch, bestLoss, bestEpoch, epochsWithoutGain, lossSum, windows, history);
    }

    TrainingState afterEpoch(EpochRecord record) {
        List<EpochRecord> all = new ArrayList<>(history);
        all.add(record);
        boolean better = record.validationLoss() < bestLoss;
        return new TrainingState(fingerprint, epoch + 1, 0, better ? record.validationLoss() : bestLoss,
                better ? record.epoch() : bestEpoch, better ? 0 : epochsWithoutGain + 1, 0, 0, all);
    }

    boolean improvedLastEpoch() {
        return epochsWithoutGain == 0 && bestEpoch == epoch - 1;
    }
}
