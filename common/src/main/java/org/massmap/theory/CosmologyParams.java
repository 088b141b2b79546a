package org.massmap.theory;

/**
 * Parameters of a spatially flat cold-dark-matter cosmology with CPL dark energy, validated on
 * construction.
 *
 * <p>Dark energy has the Chevallier-Polarski-Linder equation of state w(a) = w0 + wa (1 − a) and
 * density parameter Ω_de = 1 − Ω_m today (flat, no radiation, massless neutrinos neglected).
 *
 * @param omegaC cold dark matter density parameter Ω_c ≥ 0 today
 * @param omegaB baryon density parameter Ω_b ≥ 0 today; Ω_m = Ω_c + Ω_b must lie in (0, 1]
 * @param h      dimensionless Hubble constant, H0 = 100 h km/s/Mpc, h &gt; 0
 * @param sigma8 r.m.s. linear density contrast at z = 0 in top-hat spheres of radius 8 Mpc/h, &gt; 0
 * @param ns     primordial spectral index n_s (P ∝ k^ns T²(k)), in (0, 2)
 * @param w0     dark-energy equation of state today
 * @param wa     CPL evolution of the equation of state; w0 + wa &lt; 0 is required so that dark
 *               energy is negligible at early times, where the growth ODE starts
 * @param tCmb   CMB temperature in kelvin, used by the transfer functions (Θ_2.7 = tCmb/2.7)
 */
public record CosmologyParams(double omegaC, double omegaB, double h, double sigma8, double ns,
                              double w0, double wa, double tCmb) implements java.io.Serializable {

    /** CMB temperature today (Fixsen 2009), in K. */
    public static final double T_CMB_DEFAULT = 2.7255;

    /** Validates every parameter; see the component descriptions for the accepted ranges. */
    public CosmologyParams {
        require(Double.isFinite(omegaC) && omegaC >= 0, "omegaC", omegaC, "must be finite and >= 0");
        require(Double.isFinite(omegaB) && omegaB >= 0, "omegaB", omegaB,
                "must be finite and >= 0 (use 0 for no baryons)");
        double omegaM = omegaC + omegaB;
        require(omegaM > 0 && omegaM <= 1, "omegaC + omegaB", omegaM,
                "Omega_m must be in (0, 1] for a flat universe with non-negative dark energy");
        require(Double.isFinite(h) && h > 0 && h < 10, "h", h, "must be in (0, 10), e.g. 0.7");
        require(Double.isFinite(sigma8) && sigma8 > 0, "sigma8", sigma8, "must be > 0, e.g. 0.8");
        require(Double.isFinite(ns) && ns > 0 && ns < 2, "ns", ns, "must be in (0, 2), e.g. 0.96");
        require(Double.isFinite(w0), "w0", w0, "must be finite, e.g. -1");
        require(Double.isFinite(wa), "wa", wa, "must be finite, e.g. 0");
        require(w0 + wa < 0, "w0 + wa", w0 + wa,
                "must be < 0 so that dark energy is negligible at early times");
        require(Double.isFinite(tCmb) && tCmb > 0, "tCmb", tCmb, "must be > 0 K, e.g. 2.7255");
    }

    /** Same parameters with the default CMB temperature {@link #T_CMB_DEFAULT}. */
    public CosmologyParams(double omegaC, double omegaB, double h, double sigma8, double ns,
                           double w0, double wa) {
        this(omegaC, omegaB, h, sigma8, ns, w0, wa, T_CMB_DEFAULT);
    }

    /**
     * The project's fiducial cosmology, close to the MassiveNuS fiducial model (Liu et al. 2018)
     * with massless neutrinos and Planck-2018-like values: Ω_m = 0.3 (Ω_c = 0.254, Ω_b = 0.046),
     * h = 0.7, σ8 = 0.8, n_s = 0.97, w0 = −1, wa = 0, T_CMB = 2.7255 K.
     */
    public static CosmologyParams fiducial() {
        return new CosmologyParams(0.254, 0.046, 0.7, 0.8, 0.97, -1, 0);
    }

    /** Total matter density parameter Ω_m = Ω_c + Ω_b today. */
    public double omegaM() {
        return omegaC + omegaB;
    }

    /** Dark-energy density parameter today, Ω_de = 1 − Ω_m (flat). */
    public double omegaDe() {
        return 1 - omegaM();
    }

    /** Copy with another σ8. */
    public CosmologyParams withSigma8(double newSigma8) {
        return new CosmologyParams(omegaC, omegaB, h, newSigma8, ns, w0, wa, tCmb);
    }

    /** Copy with another dark-energy equation of state (w0, wa). */
    public CosmologyParams withDarkEnergy(double newW0, double newWa) {
        return new CosmologyParams(omegaC, omegaB, h, sigma8, ns, newW0, newWa, tCmb);
    }

    private static void require(boolean ok, String name, double value, String fix) {
        if (!ok) {
            throw new IllegalArgumentException(
                    "cosmology parameter " + name + " = " + value + " is invalid: it " + fix);
        }
    }
}
