package org.massmap.theory;

/**
 * Angular power spectrum C_ℓ of the weak-lensing convergence κ (dimensionless), as needed by the
 * Gaussian prior, whose power map sums C_ℓ(2π|k + n|/Δ) times the pixel window over the aliases n
 * ({@code org.massmap.prior.PixelWindow}). Implementations are immutable and safe to call from many threads.
 */
public interface ConvergenceSpectrum {
    /**
     * C_ℓ at multipole ℓ ≥ 0 (real-valued ℓ: the prior evaluates it at 2π|k|/Δ).
     *
     * @throws IllegalArgumentException if ℓ is negative or not finite
     */
    double cl(double ell);
}
