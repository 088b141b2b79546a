package org.massmap.model;

/**
 * How a model was trained, for its metadata. Losses are the DSM loss of eq. 3 as a mean over pixels
 * (1 means "no better than predicting zero noise"); NaN when not measured.
 *
 * @param steps                  optimiser steps taken
 * @param batchSize              maps per step (per replica for data-parallel training)
 * @param cropSize               side of the square training crops, pixels
 * @param seed                   run seed
 * @param finalLoss              mean training loss over the last steps
 * @param validationLoss         DSM loss of the hybrid score on the held-out set (inference-mode BN)
 * @param gaussianValidationLoss the same with r_θ = 0 (the Gaussian score alone)
 * @param initialisedFrom        the model whose weights this run started from (its checksum and
 *                               training), or null for a run from freshly initialised weights;
 *                               {@code steps} counts this run's steps only
 * @param emaDecay               decay of the moving average of the weights that the model holds, or 0
 *                               when it holds the last step's weights (every model before the setting)
 */
public record TrainingSummary(long steps, int batchSize, int cropSize, long seed, double finalLoss,
                              double validationLoss, double gaussianValidationLoss, String initialisedFrom, double emaDecay) {

    /** A summary of a run from freshly initialised weights. */
    public TrainingSummary(long steps, int batchSize, int cropSize, long seed, double finalLoss, double validationLoss,
                           double gaussianValidationLoss) {
        this(steps, batchSize, cropSize, seed, finalLoss, validationLoss, gaussianValidationLoss, null, 0);
    }
}
