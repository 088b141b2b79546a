package org.massmap.training;

/**
 * The complete mutable state of a training run as flat arrays, for checkpoints and data-parallel
 * training (broadcast → train k steps per partition → sum → average): trainable parameters,
 * batch-norm running mean/variance, Adam's first and second moment estimates, and the number of
 * optimiser steps taken (Adam's bias correction and the learning-rate schedule depend on it).
 * Arrays are copied in and out.
 *
 * @param step       optimiser steps taken so far
 * @param parameters trainable parameters (layout order)
 * @param bnStats    BN running statistics (layout order)
 * @param adamM      Adam first moments, one per parameter
 * @param adamV      Adam second moments, one per parameter
 */
public record TrainingState(long step, float[] parameters, float[] bnStats, float[] adamM, float[] adamV) {

    public TrainingState {
        if (adamM.length != parameters.length || adamV.length != parameters.length) {
            throw new IllegalArgumentException("Adam moments need one value per parameter: " + parameters.length
                    + " parameters, " + adamM.length + " and " + adamV.length + " moments");
        }
        parameters = parameters.clone();
        bnStats = bnStats.clone();
        adamM = adamM.clone();
        adamV = adamV.clone();
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

    /** Length of {@link #toVector()}: 3 per parameter plus the BN statistics. */
    public int vectorLength() {
        return 3 * parameters.length + bnStats.length;
    }

    /** [parameters, bnStats, adamM, adamV] as doubles, for summing over replicas. */
    public double[] toVector() {
        double[] v = new double[vectorLength()];
        int o = 0;
        for (float[] a : new float[][] {parameters, bnStats, adamM, adamV}) {
            for (float f : a) {
                v[o++] = f;
            }
        }
        return v;
    }

    /**
     * The element-wise mean of {@code replicas} states given as the sum of their vectors: averaged
     * parameters, BN statistics and Adam moments, at the given (common) step.
     */
    public static TrainingState average(double[] sum, int replicas, long step, int parameterCount, int bnStatCount) {
        if (sum.length != 3 * parameterCount + bnStatCount) {
            throw new IllegalArgumentException("state vector has " + sum.length + " values, expected " + (3 * parameterCount + bnStatCount));
        }
        float[][] parts = {new float[parameterCount], new float[bnStatCount], new float[parameterCount], new float[parameterCount]};
        int o = 0;
        for (float[] p : parts) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (sum[o++] / replicas);
            }
        }
        return new TrainingState(step, parts[0], parts[1], parts[2], parts[3]);
    }
}
