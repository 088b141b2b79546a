package org.massmap.model;

/**
 * How the network's output N (dimensionless, per pixel) becomes the residual score r_θ at noise σ,
 * after the residual window H ({@link ResidualWindow}); P is the Gaussian part's power per Fourier
 * mode on the tile (pixel units, as in s_th,σ = −F⁻¹[X/(P + σ²)]).
 * <ul>
 *   <li>{@link #SIGMA}: r_θ = H·N/σ (Remy et al. 2020; every model before this setting).</li>
 *   <li>{@link #WIENER}: r_θ = F⁻¹[H·N̂/√(P + σ²)], i.e. H·W_σ·N/σ with the Wiener noise amplitude
 *       W_σ(ℓ) = σ/√(P(ℓ) + σ²): the network's output is the residual in whitened units, where the
 *       Gaussian score is −z. An error ε of the network then moves a mode by a fraction ε of its own
 *       prior rms instead of by ε·√(P + σ²)/σ of it, which at small σ and low ℓ (P ≫ σ²) is what
 *       made the learned prior run away from the simulations (docs/model.md). It is a rescaling per
 *       mode, not a restriction: whatever the first form can represent, so can this one.</li>
 * </ul>
 * The DSM loss sees σ·r_θ = H·W_σ·N (or H·N), exactly as sampling uses it.
 */
public enum ResidualScaling {
    SIGMA,
    WIENER;

    /**
     * σ·r_θ = H·gain·N as a per-mode factor on a tile: element i for Fourier mode i (row-major
     * iy·nx + ix) of the window's grid.
     *
     * @param power the Gaussian part's power on the same grid (not read for {@link #SIGMA}; may be null then)
     */
    public double[] outputGains(ResidualWindow.Filter window, org.massmap.prior.PowerMap power, double sigma) {
        int n = window.size();
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = window.gainAt(i) * (this == SIGMA ? 1.0 : gain(power.at(i), sigma));
        }
        return g;
    }

    /** The factor on top of H·N/σ for a mode of power {@code power} at noise {@code sigma} (σ·r_θ = gain·H·N̂). */
    public double gain(double power, double sigma) {
        if (this == SIGMA) {
            return 1.0;
        }
        return sigma / Math.sqrt(power + sigma * sigma);
    }
}
