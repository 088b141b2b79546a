package org.massmap.training;

/**
 * The exponential moving average of the trainable parameters that a run publishes as its model when
 * {@code training.ema-decay} = d > 0: after optimiser step t (1-based, counted within this run),
 * a ← β_t·a + (1 − β_t)·θ with β_t = min(d, (1 + t)/(10 + t)), starting from the run's initial
 * weights. The warm-up factor keeps the first steps' weights from dominating a short run (β_t is
 * 0.5 after 8 steps and 0.99 after 890, so a run of a few thousand steps averages roughly its last
 * tenth). Batch-norm running statistics are not averaged: they already are a moving average of the
 * batch moments. Plain arrays, updated in place; not thread-safe.
 */
final class WeightAverage {
    private WeightAverage() {
    }

    /** β_t for the step just taken (t ≥ 1) and decay d. */
    static double beta(long t, double decay) {
        if (t < 1) {
            throw new IllegalArgumentException("step count must be >= 1, got " + t);
        }
        return Math.min(decay, (1.0 + t) / (10.0 + t));
    }

    /** average ← β·average + (1 − β)·parameters, element-wise. */
    static void update(float[] average, float[] parameters, double beta) {
        if (average.length != parameters.length) {
            throw new IllegalArgumentException("average has " + average.length + " values, parameters " + parameters.length);
        }
        float b = (float) beta;
        float c = (float) (1 - beta);
        for (int i = 0; i < average.length; i++) {
            average[i] = b * average[i] + c * parameters[i];
        }
    }
}
