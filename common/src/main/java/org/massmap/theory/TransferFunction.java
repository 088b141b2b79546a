package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Matter transfer function T(k) used by {@link LinearPower}, P_lin(k) ∝ k^ns T²(k); T(k → 0) = 1.
 * All variants take k in h/Mpc.
 */
public enum TransferFunction {
    /**
     * Bardeen, Bond, Kaiser &amp; Szalay (1986, eq. G3) with the Sugiyama (1995) baryon shape
     * parameter Γ = Ω_m h exp[−Ω_b (1 + √(2h)/Ω_m)] and q = k Θ²/Γ (k in h/Mpc, Θ = T_CMB/2.7),
     * the convention of CCL. No baryon wiggles.
     */
    BBKS,
    /** Eisenstein &amp; Hu (1998, ApJ 496, 605) fitting formula with baryon acoustic wiggles (eqs 2-24). */
    EISENSTEIN_HU,
    /** Eisenstein &amp; Hu (1998) zero-baryon-wiggle ("no-wiggle") form (section 4.2, eqs 26-31). */
    EISENSTEIN_HU_NOWIGGLE;

    /** T(k) with k in h/Mpc for the given cosmology; the returned operator is immutable. */
    public DoubleUnaryOperator create(CosmologyParams params) {
        return switch (this) {
            case BBKS -> new BbksTransfer(params);
            case EISENSTEIN_HU -> new EisensteinHuTransfer(params);
            case EISENSTEIN_HU_NOWIGGLE -> new EisensteinHuNoWiggleTransfer(params);
        };
    }
}
