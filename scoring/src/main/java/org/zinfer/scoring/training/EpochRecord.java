package org.zinfer.scoring.training;

/** One epoch of training: mean training loss, validation loss and mean per-factor ROC AUC, wall time. */
public record EpochRecord(int epoch, double loss, double validationLoss, double validationAuc, double seconds) {
}
