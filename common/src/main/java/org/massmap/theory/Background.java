package org.massmap.theory;

/**
 * Homogeneous expansion of a flat universe of matter and CPL dark energy: E(z) = H(z)/H0, the
 * comoving distance χ(z) in Mpc/h and its inverse z(χ), Ω_m(z), Ω_de(z) and w(z).
 *
 * <p>E²(a) = Ω_m a⁻³ + Ω_de a^(−3(1+w0+wa)) exp(−3 wa (1 − a)), a = 1/(1+z). Radiation and
 * neutrinos are neglected (they change χ(z ≤ 5) by less than about 0.05%), as in the CCL benchmark
 * cosmologies with Ω_g = 0 and N_eff = 0 that the tests compare against.
 *
 * <p>χ(z) = (c/H0) ∫_0^z dz'/E(z') is tabulated once on a uniform grid in ln a (8-point
 * Gauss-Legendre per cell) and interpolated with cubic Hermite polynomials using the exact
 * derivative dχ/d ln a = −(c/H0)/(a E); relative accuracy ≈ 1e-10. Supported redshifts:
 * 0 ≤ z ≤ {@link #MAX_REDSHIFT}. Immutable and thread-safe.
 */
public final class Background {
    /** Hubble distance c/H0 in Mpc/h (c = 299792.458 km/s, H0 = 100 h km/s/Mpc). */
    public static final double HUBBLE_DISTANCE = 2997.92458;
    /** Largest supported redshift (about recombination; radiation is not modelled). */
    public static final double MAX_REDSHIFT = 1100;
    private static final int CELLS = 2048;

    private final CosmologyParams params;
    private final UniformHermite chiOfLnA;

    public Background(CosmologyParams params) {
        this.params = params;
        double lnAMin = -Math.log1p(MAX_REDSHIFT);
        double step = -lnAMin / CELLS;
        double[] chi = new double[CELLS + 1];
        double[] dChi = new double[CELLS + 1];
        for (int i = CELLS; i >= 0; i--) {
            double x = lnAMin + i * step;
            dChi[i] = -dChiDlnA(x);
            if (i < CELLS) {
                chi[i] = chi[i + 1] + GaussLegendre.integrate(this::dChiDlnA, x, x + step, 1);
            }
        }
        this.chiOfLnA = new UniformHermite(lnAMin, step, chi, dChi);
    }

    public CosmologyParams params() {
        return params;
    }

    /** E(z) = H(z)/H0. */
    public double e(double z) {
        checkRedshift(z);
        return eOfA(1 / (1 + z));
    }

    /** Comoving (radial = transverse, flat) distance to redshift z, in Mpc/h. */
    public double comovingDistance(double z) {
        checkRedshift(z);
        return z == 0 ? 0 : chiOfLnA.value(-Math.log1p(z));
    }

    /** Redshift at comoving distance χ (Mpc/h), the inverse of {@link #comovingDistance(double)}. */
    public double redshiftAt(double chi) {
        if (!(chi >= 0 && chi <= maxComovingDistance())) {
            throw new IllegalArgumentException("comoving distance chi = " + chi
                    + " Mpc/h is outside the supported range [0, " + maxComovingDistance() + "] Mpc/h (z <= " + MAX_REDSHIFT + ")");
        }
        if (chi == 0) {
            return 0;
        }
        double lo = chiOfLnA.xMin();
        double hi = 0;
        double x = -Math.log1p(chi / HUBBLE_DISTANCE); // rough start; refined by safeguarded Newton
        for (int iter = 0; iter < 100; iter++) {
            double f = chiOfLnA.value(x) - chi; // χ decreases with ln a
            if (f > 0) {
                lo = x;
            } else {
                hi = x;
            }
            double next = x - f / chiOfLnA.derivative(x);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - x) < 1e-14) {
                x = next;
                break;
            }
            x = next;
        }
        return Math.expm1(-x);
    }

    /** χ(MAX_REDSHIFT) in Mpc/h. */
    public double maxComovingDistance() {
        return chiOfLnA.value(chiOfLnA.xMin());
    }

    /** Matter density parameter at redshift z, Ω_m(z) = Ω_m (1+z)³/E²(z). */
    public double omegaMatter(double z) {
        double e = e(z);
        return params.omegaM() * Math.pow(1 + z, 3) / (e * e);
    }

    /** Dark-energy density parameter at redshift z, 1 − Ω_m(z) (flat, no radiation). */
    public double omegaDarkEnergy(double z) {
        return 1 - omegaMatter(z);
    }

    /** Dark-energy equation of state w(z) = w0 + wa z/(1+z). */
    public double w(double z) {
        checkRedshift(z);
        return params.w0() + params.wa() * z / (1 + z);
    }

    /** E(a) for 0 &lt; a ≤ 1, without range checks (used by the growth ODE). */
    double eOfA(double a) {
        return Math.sqrt(e2(a));
    }

    /** d ln E / d ln a. */
    double dlnEdlnA(double a) {
        double m = params.omegaM() / (a * a * a);
        double de = darkEnergy(a);
        double wa = params.w0() + params.wa() * (1 - a);
        return (-3 * m - 3 * (1 + wa) * de) / (2 * (m + de)); // d ln E/d ln a = [−3Ω_m a⁻³ − 3(1+w) ρ_de]/(2E²)
    }

    /** Ω_m a⁻³/E²(a). */
    double omegaMatterOfA(double a) {
        return params.omegaM() / (a * a * a * e2(a));
    }

    private double e2(double a) {
        return params.omegaM() / (a * a * a) + darkEnergy(a);
    }

    /** Ω_de ρ_de(a)/ρ_de(1) = Ω_de a^(−3(1+w0+wa)) exp(−3 wa (1−a)). */
    private double darkEnergy(double a) {
        double omegaDe = params.omegaDe();
        if (omegaDe == 0) {
            return 0;
        }
        return omegaDe * Math.exp(-3 * (1 + params.w0() + params.wa()) * Math.log(a) - 3 * params.wa() * (1 - a));
    }

    private double dChiDlnA(double lnA) {
        double a = Math.exp(lnA);
        return HUBBLE_DISTANCE / (a * eOfA(a)); // −dχ/d ln a = (c/H0)/(a E)
    }

    static void checkRedshift(double z) {
        if (!(z >= 0 && z <= MAX_REDSHIFT)) {
            throw new IllegalArgumentException("redshift z = " + z + " is outside the supported range [0, "
                    + MAX_REDSHIFT + "]");
        }
    }
}
