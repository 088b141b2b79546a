package org.massmap.theory;

/**
 * The halo mass function of Tinker et al. (2008, ApJ 688, 709) for spherical-overdensity masses:
 *
 * <pre>
 *   dn/d ln M = f(σ) (ρ̄_m/M) |d ln σ / d ln M|,   f(σ) = A [(σ/b)^−a + 1] exp(−c/σ²),
 * </pre>
 *
 * σ(M, z) the r.m.s. linear density contrast in top-hat spheres of radius R = (3M/(4πρ̄_m))^{1/3}
 * ({@link LinearPower#sigma}), ρ̄_m = Ω_m ρ_crit,0 the comoving mean matter density. A, a, b, c at
 * z = 0 come from their Table 2 (Δ_m = 200 … 3200 times the mean density), interpolated linearly in
 * ln Δ_m; their redshift evolution (eqs. 5–8): A ∝ (1+z)^−0.14, a ∝ (1+z)^−0.06, b ∝ (1+z)^−α with
 * log₁₀ α = −[0.75/log₁₀(Δ_m/75)]^1.2. An M200c halo (200 times the critical density) has Δ_m =
 * 200/Ω_m(z), which lies in [200, 3200] for Ω_m(z) ≥ 1/16. Units: M in M_sun/h, n in (h/Mpc)³
 * comoving. Immutable and thread-safe.
 */
public final class TinkerMassFunction {
    /** ρ_crit,0 = 3H0²/(8πG) in (M_sun/h)/(Mpc/h)³. */
    public static final double CRITICAL_DENSITY = 2.77536627e11;
    private static final double[] DELTA = {200, 300, 400, 600, 800, 1200, 1600, 2400, 3200};
    private static final double[] A0 = {0.186, 0.200, 0.212, 0.218, 0.248, 0.255, 0.260, 0.260, 0.260};
    private static final double[] SMALL_A0 = {1.47, 1.52, 1.56, 1.61, 1.87, 2.13, 2.30, 2.53, 2.66};
    private static final double[] B0 = {2.57, 2.25, 2.05, 1.87, 1.59, 1.51, 1.46, 1.44, 1.41};
    private static final double[] C0 = {1.19, 1.27, 1.34, 1.45, 1.58, 1.80, 1.97, 2.24, 2.44};
    /** Step in ln M of the central difference giving d ln σ / d ln M. */
    private static final double LN_M_STEP = 0.01;

    private final Background background;
    private final LinearPower linear;
    private final double meanDensity;

    public TinkerMassFunction(CosmologyParams cosmology, TransferFunction transfer) {
        this.background = new Background(cosmology);
        this.linear = new LinearPower(cosmology, transfer, new GrowthFactor(background));
        this.meanDensity = cosmology.omegaM() * CRITICAL_DENSITY;
    }

    public Background background() {
        return background;
    }

    /** Comoving mean matter density ρ̄_m in (M_sun/h)/(Mpc/h)³. */
    public double meanDensity() {
        return meanDensity;
    }

    /** σ(M, z) for a mass M in M_sun/h. */
    public double sigma(double mass, double z) {
        return linear.sigma(Math.cbrt(3 * mass / (4 * Math.PI * meanDensity)), z);
    }

    /**
     * The z-independent part of the mass function at one mass: σ(M, 0) and d ln σ/d ln M (a central
     * difference over ±0.01 in ln M). Computing it once per mass makes dn/d ln M at many redshifts cheap.
     *
     * @param mass    M in M_sun/h
     * @param sigma0  σ(M, z = 0)
     * @param slope   d ln σ / d ln M (negative)
     */
    public record MassScale(double mass, double sigma0, double slope) {
    }

    /** σ(M, 0) and its logarithmic slope at M (M_sun/h). */
    public MassScale scale(double mass) {
        if (!(mass > 0) || !Double.isFinite(mass)) {
            throw new IllegalArgumentException("halo mass must be finite and > 0, got " + mass);
        }
        double plus = sigma(mass * Math.exp(LN_M_STEP), 0);
        double minus = sigma(mass * Math.exp(-LN_M_STEP), 0);
        return new MassScale(mass, sigma(mass, 0), (Math.log(plus) - Math.log(minus)) / (2 * LN_M_STEP));
    }

    /** dn/d ln M at overdensity Δ_m times the mean density, (h/Mpc)³ comoving. */
    public double dnDlnM(double mass, double z, double deltaMean) {
        return dnDlnM(scale(mass), z, deltaMean);
    }

    /** dn/d ln M at a precomputed mass scale. */
    public double dnDlnM(MassScale m, double z, double deltaMean) {
        if (!(z >= 0)) {
            throw new IllegalArgumentException("mass function needs z >= 0, got " + z);
        }
        double sigma = m.sigma0() * linear.growth().growth(z); // the growth cancels in d ln σ / d ln M
        return multiplicity(sigma, deltaMean, z) * meanDensity / m.mass() * Math.abs(m.slope());
    }

    /** dn/d ln M200c, Δ_m = 200/Ω_m(z). */
    public double dnDlnM200c(double m200c, double z) {
        return dnDlnM(scale(m200c), z, 200 / background.omegaMatter(z));
    }

    /** dn/d ln M200c at a precomputed mass scale. */
    public double dnDlnM200c(MassScale m, double z) {
        return dnDlnM(m, z, 200 / background.omegaMatter(z));
    }

    /** Tinker's f(σ) at overdensity Δ_m (mean) and redshift z. */
    public static double multiplicity(double sigma, double deltaMean, double z) {
        if (!(deltaMean >= DELTA[0] && deltaMean <= DELTA[DELTA.length - 1])) {
            throw new IllegalArgumentException("Tinker et al. (2008) is calibrated for 200 <= Delta_m <= 3200, got " + deltaMean);
        }
        double a = interpolate(A0, deltaMean) * Math.pow(1 + z, -0.14);
        double smallA = interpolate(SMALL_A0, deltaMean) * Math.pow(1 + z, -0.06);
        double alpha = Math.pow(10, -Math.pow(0.75 / Math.log10(deltaMean / 75), 1.2));
        double b = interpolate(B0, deltaMean) * Math.pow(1 + z, -alpha);
        double c = interpolate(C0, deltaMean);
        return a * (Math.pow(sigma / b, -smallA) + 1) * Math.exp(-c / (sigma * sigma)); // Tinker et al. eq. 3
    }

    /** Table 2 parameter at Δ, linear in ln Δ between the nodes. */
    private static double interpolate(double[] values, double delta) {
        int i = 0;
        while (i < DELTA.length - 2 && delta > DELTA[i + 1]) {
            i++;
        }
        double t = Math.log(delta / DELTA[i]) / Math.log(DELTA[i + 1] / DELTA[i]);
        return values[i] + t * (values[i + 1] - values[i]);
    }
}
