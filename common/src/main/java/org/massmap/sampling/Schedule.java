package org.massmap.sampling;

import java.io.Serializable;
import java.util.List;

/**
 * How a chain lowers its noise level σ from σ_max to σ_min (Remy et al. 2020, section 3), and how
 * many HMC iterations it then spends at σ_min with the step size frozen. Two kinds, each with its
 * own advance rule: {@link GeometricSchedule} (a fixed ladder) and {@link AdaptiveSchedule} (the
 * reference implementation's per-chain test). Immutable.
 */
public abstract sealed class Schedule implements Serializable permits GeometricSchedule, AdaptiveSchedule {

    /** The configuration name of each kind ({@code sampler.schedule}). */
    public enum Kind { GEOMETRIC, ADAPTIVE }

    private final double sigmaMax;
    private final double sigmaMin;
    private final int finalSteps;

    Schedule(double sigmaMax, double sigmaMin, int finalSteps) {
        if (!(sigmaMax > 0) || !Double.isFinite(sigmaMax)) {
            throw new IllegalArgumentException("sampler.sigma-max must be positive, got " + sigmaMax);
        }
        if (!(sigmaMin > 0)) {
            throw new IllegalArgumentException("sampler.sigma-min must be positive, got " + sigmaMin);
        }
        if (sigmaMin >= sigmaMax) {
            throw new IllegalArgumentException("sampler.sigma-min (" + sigmaMin + ") must be below sampler.sigma-max ("
                    + sigmaMax + "): annealing runs from sigma-max down to sigma-min");
        }
        if (finalSteps < 0) {
            throw new IllegalArgumentException("sampler.final-steps must be >= 0, got " + finalSteps);
        }
        this.sigmaMax = sigmaMax;
        this.sigmaMin = sigmaMin;
        this.finalSteps = finalSteps;
    }

    /** Starting noise level (must lie in the score model's trained range). */
    public double sigmaMax() {
        return sigmaMax;
    }

    /** Final noise level, 0 &lt; σ_min &lt; σ_max. */
    public double sigmaMin() {
        return sigmaMin;
    }

    /** HMC iterations at σ_min after annealing, step size frozen. */
    public int finalSteps() {
        return finalSteps;
    }

    public abstract Kind kind();

    /**
     * The most HMC iterations a chain can take (annealing and final phase): exact for the geometric
     * schedule, a bound for the adaptive one (chains usually finish sooner). For progress reports.
     */
    public abstract int iterationBound();

    /** The same schedule ending at another σ_min. */
    public abstract Schedule withSigmaMin(double newSigmaMin);

    /** The same schedule with another number of final iterations at σ_min. */
    public abstract Schedule withFinalSteps(int newFinalSteps);

    /**
     * The same σ range annealed {@code factor} times more slowly, final phase included, so a sample
     * costs about {@code factor} times as many score evaluations: for convergence studies.
     */
    public abstract Schedule lengthened(int factor);

    /** Checks a lengthening factor. */
    static int requireFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("a schedule can be lengthened by a factor >= 1, got " + factor);
        }
        return factor;
    }

    /** One line for reports, e.g. "geometric, 20 levels × 5 steps + 20 final". */
    public abstract String describe();

    @Override
    public String toString() {
        return describe() + ", sigma " + sigmaMax + " -> " + sigmaMin;
    }

    /**
     * The advance rule, after one HMC iteration of every active chain: counts the iteration and
     * moves chains to a lower σ, into the final phase at σ_min, or to done (or fails stalled ones).
     * A chain whose σ changes gets its cached score recomputed.
     *
     * @param accepted  whether each chain's HMC move was accepted
     * @param deltaLogP each chain's Δlog p along its proposed move
     */
    abstract void advance(List<Chain> active, boolean[] accepted, double[] deltaLogP, ScoreEvaluator scores);
}
