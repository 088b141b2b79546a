package org.massmap.sampling;

/**
 * Sees every chain after each of its HMC iterations: for progress reports and for convergence
 * traces of the final phase at σ_min. Called from the sampling threads (several batches may run at
 * once), so implementations must be thread-safe; it must not modify {@code state} and should be
 * cheap, since it runs inside the sampling loop. It draws no random numbers, so observing a run does
 * not change its samples.
 */
@FunctionalInterface
public interface ChainObserver {
    /** Sees nothing. */
    ChainObserver NONE = (chain, sigma, finalPhase, state) -> { };

    /**
     * @param chain      the chain's index
     * @param sigma      the noise level of the iteration just done
     * @param finalPhase whether it was one of the final iterations at σ_min (step size frozen)
     * @param state      the chain's map after the Metropolis-Hastings decision (read only)
     */
    void afterIteration(int chain, double sigma, boolean finalPhase, double[] state);
}
