package org.massmap.theory;

/**
 * Linear growth factor D(z) of matter perturbations, solved from the growth ODE (no fitting formula).
 *
 * <p>In x = ln a, for smooth dark energy and sub-horizon scales:
 * D'' + (2 + d ln E/d ln a) D' − (3/2) Ω_m(a) D = 0 (primes are d/d ln a). The ODE is integrated
 * with fourth-order Runge-Kutta on a uniform grid from a = 10⁻⁶, where D = a and D' = a (the
 * growing mode in matter domination), to a = 1, and interpolated with cubic Hermite polynomials
 * (relative accuracy ≈ 1e-9).
 *
 * <p>Normalisation: {@link #growth(double)} is D(z)/D(0), so D(0) = 1 (the convention used by
 * {@link LinearPower}). {@link #unnormalised(double)} keeps D → a in matter domination, the CCL
 * convention of {@code growth_factor_unnorm}; at z = 0 it is below 1 (≈ 0.78 for Ω_m = 0.3).
 * Immutable and thread-safe.
 */
public final class GrowthFactor {
    private static final double A_START = 1e-6;
    private static final int STEPS = 4096;

    private final Background background;
    private final UniformHermite dOfLnA;
    private final double d0;

    public GrowthFactor(Background background) {
        this.background = background;
        double x0 = Math.log(A_START);
        double h = -x0 / STEPS;
        double[] d = new double[STEPS + 1];
        double[] dp = new double[STEPS + 1];
        d[0] = A_START;
        dp[0] = A_START;
        for (int i = 0; i < STEPS; i++) {
            double x = x0 + i * h;
            double[] k1 = rhs(x, d[i], dp[i]);
            double[] k2 = rhs(x + h / 2, d[i] + h / 2 * k1[0], dp[i] + h / 2 * k1[1]);
            double[] k3 = rhs(x + h / 2, d[i] + h / 2 * k2[0], dp[i] + h / 2 * k2[1]);
            double[] k4 = rhs(x + h, d[i] + h * k3[0], dp[i] + h * k3[1]);
            d[i + 1] = d[i] + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
            dp[i + 1] = dp[i] + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
        }
        this.dOfLnA = new UniformHermite(x0, h, d, dp);
        this.d0 = d[STEPS];
    }

    /** Growth factor normalised to 1 today, D(z)/D(0). */
    public double growth(double z) {
        return unnormalised(z) / d0;
    }

    /** Growth factor normalised to D = a deep in matter domination (CCL's unnormalised convention). */
    public double unnormalised(double z) {
        Background.checkRedshift(z);
        return dOfLnA.value(-Math.log1p(z));
    }

    /** Logarithmic growth rate f = d ln D / d ln a at redshift z. */
    public double growthRate(double z) {
        Background.checkRedshift(z);
        double x = -Math.log1p(z);
        return dOfLnA.derivative(x) / dOfLnA.value(x);
    }

    public Background background() {
        return background;
    }

    /** (D, D')' = (D', −(2 + d ln E/d ln a) D' + (3/2) Ω_m(a) D). */
    private double[] rhs(double x, double d, double dp) {
        double a = Math.exp(x);
        return new double[] {dp, -(2 + background.dlnEdlnA(a)) * dp + 1.5 * background.omegaMatterOfA(a) * d};
    }
}
