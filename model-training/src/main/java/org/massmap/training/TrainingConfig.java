package org.massmap.training;

import org.massmap.model.SigmaDistribution;

/**
 * Hyper-parameters of a denoising-score-matching run (immutable, validated). Read from the
 * configuration by {@link TrainingSettings}; {@link #builder()} starts from the configuration's defaults
 * (conf/massmap.conf, section {@code training}), which are declared nowhere else. Adam's constants, the
 * batch-norm momentum and the progress interval are not settings: {@link #of} fixes them.
 *
 * @param steps             optimiser steps in total ({@code training.steps})
 * @param batchSize         maps per step ({@code training.batch-size}; the reference used 32)
 * @param cropSize          side of the square training crops, pixels; a multiple of 2^scales ({@code training.crop-size})
 * @param sigma             the σ distribution and trained range ({@code training.sigma})
 * @param learningRate      Adam step-size schedule ({@code training.learning-rate}, {@code warmup-steps},
 *                          {@code final-learning-rate-fraction})
 * @param adamBeta1         Adam β1 ({@value #ADAM_BETA1})
 * @param adamBeta2         Adam β2 ({@value #ADAM_BETA2})
 * @param adamEpsilon       Adam ε ({@value #ADAM_EPSILON})
 * @param bnMomentum        running-statistics update m ← μ·m + (1 − μ)·batch ({@value #BN_MOMENTUM}; short runs: 0.9)
 * @param seed              run seed; every draw derives from it and the step index ({@code training.seed})
 * @param checkpointEvery   steps between checkpoints, 0 = only at the end ({@code training.checkpoint-every})
 * @param progressEvery     steps between progress callbacks ({@value #PROGRESS_EVERY})
 * @param validationMaps    held-out maps for the final validation DSM loss, 0 = none ({@code training.validation-maps})
 * @param emaDecay          decay d of the exponential moving average of the weights that becomes the model,
 *                          in [0, 1); 0 = the model is the last step's weights ({@code training.ema-decay};
 *                          see {@link WeightAverage})
 */
public record TrainingConfig(int steps, int batchSize, int cropSize, SigmaDistribution sigma,
                             LearningRateSchedule learningRate, double adamBeta1, double adamBeta2, double adamEpsilon,
                             double bnMomentum, long seed, int checkpointEvery, int progressEvery, int validationMaps,
                             double emaDecay) {

    /** Adam β1 of a run built by {@link #of}. */
    public static final double ADAM_BETA1 = 0.9;
    /** Adam β2 of a run built by {@link #of}. */
    public static final double ADAM_BETA2 = 0.999;
    /** Adam ε of a run built by {@link #of}. */
    public static final double ADAM_EPSILON = 1e-8;
    /** Batch-norm running-statistics momentum of a run built by {@link #of}. */
    public static final double BN_MOMENTUM = 0.99;
    /** Steps between progress callbacks of a run built by {@link #of}. */
    public static final int PROGRESS_EVERY = 50;

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
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("training.ema-decay must be in [0, 1) (0 = no weight average), got " + emaDecay);
        }
    }

    /** A run with the configurable hyper-parameters given and the fixed ones ({@link #ADAM_BETA1}, ...) at their values. */
    public static TrainingConfig of(int steps, int batchSize, int cropSize, SigmaDistribution sigma,
            LearningRateSchedule learningRate, long seed, int checkpointEvery, int validationMaps, double emaDecay) {
        return new TrainingConfig(steps, batchSize, cropSize, sigma, learningRate, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON,
                BN_MOMENTUM, seed, checkpointEvery, PROGRESS_EVERY, validationMaps, emaDecay);
    }

    /** A builder starting from the configuration's defaults ({@link TrainingSettings#defaults()}). */
    public static Builder builder() {
        return TrainingSettings.defaults().training().toBuilder();
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
        b.emaDecay = emaDecay;
        return b;
    }

    /** Mutable builder for {@link TrainingConfig}, made by {@link #builder()} or {@link #toBuilder()}; {@link #build()} validates. */
    public static final class Builder {
        private int steps;
        private int batchSize;
        private int cropSize;
        private SigmaDistribution sigma;
        private LearningRateSchedule learningRate;
        private double adamBeta1;
        private double adamBeta2;
        private double adamEpsilon;
        private double bnMomentum;
        private long seed;
        private int checkpointEvery;
        private int progressEvery;
        private int validationMaps;
        private double emaDecay;

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

        public Builder emaDecay(double v) {
            emaDecay = v;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(steps, batchSize, cropSize, sigma, learningRate, adamBeta1, adamBeta2, adamEpsilon,
                    bnMomentum, seed, checkpointEvery, progressEvery, validationMaps, emaDecay);
        }
    }
}
