package org.massmap.sampling;

/** How a chain lowers its noise level σ from σ_max to σ_min. */
public enum Schedule {
    /** Fixed geometric ladder of levels with a fixed number of HMC iterations per level. */
    GEOMETRIC,
    /**
     * The reference implementation's adaptive ladder: σ is multiplied by the drop factor only after
     * a minimum number of iterations at the level, an accepted HMC move, and an MH-type test
     * log r = ∫_x^{x'} s_σ + ∫_{x'}^{x} s_σ' ≥ log U.
     */
    ADAPTIVE
}
