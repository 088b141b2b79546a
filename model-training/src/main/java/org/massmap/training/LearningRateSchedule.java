package org.massmap.training;

/**
 * Adam step size as a function of the optimiser step t (0-based) of a run of T steps: linear warm-up
 * from peak/warmup to peak over the first {@code warmupSteps}, then constant (CONSTANT) or a cosine
 * decay to {@code finalFraction}·peak at t = T (COSINE).
 *
 * @param kind          CONSTANT or COSINE
 * @param peak          peak learning rate, > 0 (reference code: 1e-4 over long runs; 1e-3 suits short runs)
 * @param warmupSteps   ≥ 0
 * @param finalFraction lr(T)/peak for COSINE, in [0, 1]
 */
public record LearningRateSchedule(Kind kind, double peak, int warmupSteps, double finalFraction) {

    /** Shape of the schedule. */
    public enum Kind { CONSTANT, COSINE }

    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("training.lr.kind is required (CONSTANT or COSINE)");
        }
        if (!(peak > 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("training.lr.peak must be positive, got " + peak);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("training.lr.warmup-steps must be >= 0, got " + warmupSteps);
        }
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("training.lr.final-fraction must be in [0, 1], got " + finalFraction);
        }
    }

    /** Learning rate at step t of a T-step run. */
    public double at(long t, long totalSteps) {
        double warm = warmupSteps == 0 ? 1.0 : Math.min(1.0, (t + 1.0) / warmupSteps);
        if (kind == Kind.CONSTANT) {
            return peak * warm;
        }
        double progress = Math.min(1.0, Math.max(0.0, (double) t / Math.max(1, totalSteps)));
        return peak * warm * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
