package org.massmap.theory;

/** Whether and how the linear matter power spectrum is corrected for non-linear growth. */
public enum NonLinear {
    /** Linear theory only: P(k, z) = P_lin(k, 0) D(z)². */
    NONE,
    /**
     * Halofit of Smith et al. (2003) with the revised coefficients of Takahashi et al. (2012,
     * ApJ 761, 152, eqs A6-A13), including their dark-energy term Ω_de(z) (1 + w); see
     * {@link Halofit}.
     */
    HALOFIT
}
