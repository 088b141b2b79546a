package org.massmap.training;

/**
 * The complete mutable state of a training run as flat arrays, for checkpoints and data-parallel
 * training (broadcast → train k steps per partition → sum → average): trainable parameters,
 * batch-norm running mean/variance, Adam's first and second moment estimates, the moving average of
 * the parameters when the run keeps one ({@link WeightAverage}), and the number of optimiser steps
 * taken (Adam's bias correction, the learning-rate schedule and the average's warm-up depend on it).
 * Arrays are copied in and out.
 *
 * @param step       optimiser steps taken so far
 * @param parameters trainable parameters (layout order)
 * @param bnStats    BN running statistics (layout order)
 * @param adamM      Adam first moments, one per parameter
 * @param adamV      Adam second moments, one per parameter
 * @param average    moving average of the parameters, one per parameter, or empty when none is kept
 */
public record TrainingState(long step, float[] parameters, float[] bnStats, float[] adamM, float[] adamV, float[] average) {

    public TrainingState {
        if (adamM.length != parameters.length || adamV.length != parameters.length) {
            throw new IllegalArgumentException("Adam moments need one value per parameter: " + parameters.length
                    + " parameters, " + adamM.length + " and " + adamV.length + " moments");
        }
        if (average.length != 0 && average.length != parameters.length) {
            throw new IllegalArgumentException("the weight average needs one value per parameter (or none): " + parameters.length
                    + " parameters, " + average.length + " averages");
        }
        parameters = parameters.clone();
        bnStats = bnStats.clone();
        adamM = adamM.clone();
        adamV = adamV.clone();
        average = average.clone();
    }

    /** A state without a weight average. */
    public TrainingState(long step, float[] parameters, float[] bnStats, float[] adamM, float[] adamV) {
        this(step, parameters, bnStats, adamM, adamV, new float[0]);
    }

    /** Whether this state carries a moving average of the parameters. */
    public boolean hasAverage() {
        return average.length > 0;
    }

    @Override
    public float[] parameters() {
        return parameters.clone();
    }

    @Override
    public float[] bnStats() {
        return bnStats.clone();
    }

    @Override
    public float[] adamM() {
        return adamM.clone();
    }

    @Override
    public float[] adamV() {
        return adamV.clone();
    }

    @Override
    public float[] average() {
        return average.clone();
    }

    /** Length of {@link #toVector()}: 3 per parameter (4 with a weight average) plus the BN statistics. */
    public int vectorLength() {
        return 3 * parameters.length + bnStats.length + average.length;
    }

    /** [parameters, bnStats, adamM, adamV, average] as doubles, for summing over replicas. */
    public double[] toVector() {
        double[] v = new double[vectorLength()];
        int o = 0;
        for (float[] a : new float[][] {parameters, bnStats, adamM, adamV, average}) {
            for (float f : a) {
                v[o++] = f;
            }
        }
        return v;
    }

    /**
     * The element-wise mean of {@code replicas} states given as the sum of their vectors: averaged
     * parameters, BN statistics, Adam moments and, when the vectors carry them, weight averages (the
     * mean of the replicas' moving averages is the moving average of their mean trajectory: the
     * update is linear), at the given (common) step.
     */
    public static TrainingState average(double[] sum, int replicas, long step, int parameterCount, int bnStatCount) {
        int plain = 3 * parameterCount + bnStatCount;
        if (sum.length != plain && sum.length != plain + parameterCount) {
            throw new IllegalArgumentException("state vector has " + sum.length + " values, expected " + plain + " (or "
                    + (plain + parameterCount) + " with a weight average)");
        }
        int averages = sum.length == plain ? 0 : parameterCount;
        float[][] parts = {new float[parameterCount], new float[bnStatCount], new float[parameterCount], new float[parameterCount],
            new float[averages]};
        int o = 0;
        for (float[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (sum[o++] / replicas);
            }
        }
        return new TrainingState(step, parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
}
