package org.massmap.training;

import org.massmap.model.SigmaDistribution;

/**
 * Hyper-parameters of a denoising-score-matching run (immutable, validated). Build with
 * {@link #builder()}; every field has a default.
 *
 * @param steps             optimiser steps in total (default 20000)
 * @param batchSize         maps per step (default 16; the reference used 32)
 * @param cropSize          side of the square training crops, pixels; a multiple of 2^scales (default 64)
 * @param sigma             the σ distribution and trained range (default {@link SigmaDistribution#reference()})
 * @param learningRate      Adam step-size schedule (default {@link LearningRateSchedule#defaults()})
 * @param adamBeta1         Adam β1 (default 0.9)
 * @param adamBeta2         Adam β2 (default 0.999)
 * @param adamEpsilon       Adam ε (default 1e-8)
 * @param bnMomentum        running-statistics update m ← μ·m + (1 − μ)·batch (default 0.99; short runs: 0.9)
 * @param seed              run seed; every draw derives from it and the step index (default 1)
 * @param checkpointEvery   steps between checkpoints, 0 = only at the end (default 1000)
 * @param progressEvery     steps between progress callbacks (default 50)
 * @param validationMaps    held-out maps for the final validation DSM loss, 0 = none (default 64)
 */
public record TrainingConfig(int steps, int batchSize, int cropSize, SigmaDistribution sigma,
                             LearningRateSchedule learningRate, double adamBeta1, double adamBeta2, double adamEpsilon,
                             double bnMomentum, long seed, int checkpointEvery, int progressEvery, int validationMaps) {

    public TrainingConfig {
        if (steps < 1) {
            throw new IllegalArgumentException("training.steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training.batch-size must be >= 1, got " + batchSize);
        }
        if (cropSize < 2) {
            throw new IllegalArgumentException("training.crop-size must be >= 2, got " + cropSize);
        }
        if (sigma == null || learningRate == null) {
            throw new IllegalArgumentException("training.sigma and training.lr are required");
        }
        if (!(adamBeta1 >= 0 && adamBeta1 < 1) || !(adamBeta2 >= 0 && adamBeta2 < 1) || !(adamEpsilon > 0)) {
            throw new IllegalArgumentException("training.adam: need 0 <= beta1, beta2 < 1 and epsilon > 0, got "
                    + adamBeta1 + ", " + adamBeta2 + ", " + adamEpsilon);
        }
        if (!(bnMomentum >= 0 && bnMomentum < 1)) {
            throw new IllegalArgumentException("training.bn-momentum must be in [0, 1), got " + bnMomentum);
        }
        if (checkpointEvery < 0 || progressEvery < 1 || validationMaps < 0) {
            throw new IllegalArgumentException("training.checkpoint-every >= 0, progress-every >= 1, validation-maps >= 0; got "
                    + checkpointEvery + ", " + progressEvery + ", " + validationMaps);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.steps = steps;
        b.batchSize = batchSize;
        b.cropSize = cropSize;
        b.sigma = sigma;
        b.learningRate = learningRate;
        b.adamBeta1 = adamBeta1;
        b.adamBeta2 = adamBeta2;
        b.adamEpsilon = adamEpsilon;
        b.bnMomentum = bnMomentum;
        b.seed = seed;
        b.checkpointEvery = checkpointEvery;
        b.progressEvery = progressEvery;
        b.validationMaps = validationMaps;
        return b;
    }

    /** Mutable builder for {@link TrainingConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int steps = 20000;
        private int batchSize = 16;
        private int cropSize = 64;
        private SigmaDistribution sigma = SigmaDistribution.reference();
        private LearningRateSchedule learningRate = LearningRateSchedule.defaults();
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private double adamEpsilon = 1e-8;
        private double bnMomentum = 0.99;
        private long seed = 1;
        private int checkpointEvery = 1000;
        private int progressEvery = 50;
        private int validationMaps = 64;

        private Builder() {
        }

        public Builder steps(int v) {
            steps = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder cropSize(int v) {
            cropSize = v;
            return this;
        }

        public Builder sigma(SigmaDistribution v) {
            sigma = v;
            return this;
        }

        public Builder learningRate(LearningRateSchedule v) {
            learningRate = v;
            return this;
        }

        public Builder adam(double beta1, double beta2, double epsilon) {
            adamBeta1 = beta1;
            adamBeta2 = beta2;
            adamEpsilon = epsilon;
            return this;
        }

        public Builder bnMomentum(double v) {
            bnMomentum = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public Builder progressEvery(int v) {
            progressEvery = v;
            return this;
        }

        public Builder validationMaps(int v) {
            validationMaps = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(steps, batchSize, cropSize, sigma, learningRate, adamBeta1, adamBeta2, adamEpsilon,
                    bnMomentum, seed, checkpointEvery, progressEvery, validationMaps);
        }
    }
}
