package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Halofit non-linear matter power spectrum: Smith et al. (2003, MNRAS 341, 1311) with the revised
 * coefficients of Takahashi et al. (2012, ApJ 761, 152, appendix, eqs A1-A13), including their
 * dark-energy dependence through Ω_de(z)(1 + w).
 *
 * <p>Δ²_NL = Δ²_Q + Δ²_H, with Δ²(k) = k³P(k)/(2π²) and y = k/k_σ, where the non-linear scale
 * k_σ = 1/R_σ solves σ(R_σ, z) = 1 for the Gaussian-filtered variance
 * σ²(R) = ∫ d ln k Δ²_L(k) exp(−k²R²); n_eff = −3 − d ln σ²/d ln R and
 * C = −d² ln σ²/d ln R² at R_σ (Takahashi eqs A4-A5).
 *
 * <p>Implementation: the moments I_n(R) = ∫ d ln k Δ²_L(k, z=0) (kR)^(2n) exp(−k²R²), n = 0..3, are
 * tabulated once on a grid in ln R (8-point Gauss-Legendre panels of width 0.05 in ln k). Since
 * σ²(R, z) = D(z)² I_0(R), R_σ at any redshift follows by solving ln I_0(R) = −2 ln D on a cubic
 * Hermite interpolant built with the exact derivatives d I_n/d ln R = 2n I_n − 2 I_(n+1); n_eff and
 * C are then interpolated the same way. Units are those of the input spectrum (h/Mpc and
 * (Mpc/h)³ in this package). Where σ(R) stays below 1 down to the smallest tabulated R (very high
 * z), the spectrum is returned linear. Immutable and thread-safe.
 */
public final class Halofit {
    private static final double LN_K_PANEL = 0.05;
    private static final double LN_R_STEP = 0.04;
    private static final double R_MAX = 1000;

    private final double lnR0;
    private final UniformHermite lnI0;
    private final UniformHermite j1;
    private final UniformHermite j2;
    private final double lnI0AtRMin;
    private final double lnI0AtRMax;

    /**
     * @param linearPowerToday P_lin(k) at the reference epoch (z = 0 when used with
     *                         {@link #at(double, double, double, double)} and growth D(z)/D(0))
     * @param kMin             smallest k of the σ² integrals (the integrand ∝ k^(3+ns) there)
     * @param kMax             largest k; the smallest tabulated R is 6/kMax
     */
    public Halofit(DoubleUnaryOperator linearPowerToday, double kMin, double kMax) {
        if (!(kMin > 0 && kMax > 100 * kMin && Double.isFinite(kMax))) {
            throw new IllegalArgumentException("Halofit k range [" + kMin + ", " + kMax
                    + "] is invalid: need 0 < kMin and kMax > 100 kMin");
        }
        double[][] rule = GaussLegendre.rule(Math.log(kMin), Math.log(kMax),
                (int) Math.ceil(Math.log(kMax / kMin) / LN_K_PANEL));
        int nk = rule[0].length;
        double[] k = new double[nk];
        double[] wDelta2 = new double[nk];
        for (int j = 0; j < nk; j++) {
            k[j] = Math.exp(rule[0][j]);
            wDelta2[j] = rule[1][j] * k[j] * k[j] * k[j] * linearPowerToday.applyAsDouble(k[j]) / (2 * Math.PI * Math.PI);
        }
        lnR0 = Math.log(6 / kMax);
        int nr = (int) Math.ceil((Math.log(R_MAX) - lnR0) / LN_R_STEP) + 1;
        double[] lnI = new double[nr];
        double[] dLnI = new double[nr];
        double[] m1 = new double[nr];
        double[] dm1 = new double[nr];
        double[] m2 = new double[nr];
        double[] dm2 = new double[nr];
        for (int i = 0; i < nr; i++) {
            double r = Math.exp(lnR0 + i * LN_R_STEP);
            double[] in = new double[4];
            for (int j = 0; j < nk; j++) {
                double y2 = k[j] * r * k[j] * r;
                if (y2 > 100) {
                    break; // exp(−100) is negligible; k increases with j
                }
                double t = wDelta2[j] * Math.exp(-y2);
                in[0] += t;
                in[1] += t * y2;
                in[2] += t * y2 * y2;
                in[3] += t * y2 * y2 * y2;
            }
            double jj1 = in[1] / in[0];
            double jj2 = in[2] / in[0];
            double jj3 = in[3] / in[0];
            lnI[i] = Math.log(in[0]);
            dLnI[i] = -2 * jj1; // d ln I0/d ln R = −2 J1
            m1[i] = jj1;
            dm1[i] = 2 * jj1 - 2 * jj2 + 2 * jj1 * jj1; // d J1/d ln R, J_n = I_n/I_0
            m2[i] = jj2;
            dm2[i] = 4 * jj2 - 2 * jj3 + 2 * jj1 * jj2; // d J2/d ln R
        }
        lnI0 = new UniformHermite(lnR0, LN_R_STEP, lnI, dLnI);
        j1 = new UniformHermite(lnR0, LN_R_STEP, m1, dm1);
        j2 = new UniformHermite(lnR0, LN_R_STEP, m2, dm2);
        lnI0AtRMin = lnI[0];
        lnI0AtRMax = lnI[nr - 1];
    }

    /** Halofit for an analytic linear spectrum in h/Mpc, integrating over 10⁻⁵ ≤ k ≤ 10⁴ h/Mpc. */
    public Halofit(DoubleUnaryOperator linearPowerToday) {
        this(linearPowerToday, 1e-5, 1e4);
    }

    /**
     * The halofit mapping at one epoch.
     *
     * @param growth  D(z)/D(ref), so that P_lin(k, z) = growth² · linearPowerToday(k)
     * @param omegaM  Ω_m(z)
     * @param omegaDe Ω_de(z)
     * @param w       dark-energy equation of state entering Takahashi's Ω_de(z)(1 + w) terms
     */
    public Snapshot at(double growth, double omegaM, double omegaDe, double w) {
        if (!(growth > 0 && Double.isFinite(growth))) {
            throw new IllegalArgumentException("growth factor " + growth + " must be finite and > 0");
        }
        double target = -2 * Math.log(growth); // ln I0(R_σ) = −2 ln D
        if (target > lnI0AtRMin) {
            return new Snapshot(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, omegaM, omegaDe, w);
        }
        if (target < lnI0AtRMax) {
            throw new IllegalArgumentException("linear power is so large that sigma(R) > 1 even at R = " + R_MAX
                    + "; check the normalisation (sigma8)");
        }
        double lnR = solveLnR(target);
        double jj1 = j1.value(lnR);
        double jj2 = j2.value(lnR);
        double nEff = -3 + 2 * jj1; // n_eff = −3 − d ln σ²/d ln R
        double curvature = 4 * jj1 - 4 * jj2 + 4 * jj1 * jj1; // C = −d² ln σ²/d ln R²
        return new Snapshot(Math.exp(-lnR), nEff, curvature, omegaM, omegaDe, w);
    }

    private double solveLnR(double target) {
        // ln I0 decreases with ln R: bisection for a bracket, then Newton on the Hermite interpolant
        double lo = lnR0;
        double hi = lnI0.xMax();
        double x = 0.5 * (lo + hi);
        for (int iter = 0; iter < 200; iter++) {
            double f = lnI0.value(x) - target;
            if (f > 0) {
                lo = x;
            } else {
                hi = x;
            }
            double next = x - f / lnI0.derivative(x);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - x) < 1e-13) {
                return next;
            }
            x = next;
        }
        return x;
    }

    /**
     * Halofit at one epoch: the non-linear scale, slope and curvature, and the Takahashi
     * coefficients. Immutable.
     */
    public static final class Snapshot {
        private final double kSigma;
        private final double nEff;
        private final double curvature;
        private final double an;
        private final double bn;
        private final double cn;
        private final double gamman;
        private final double alphan;
        private final double betan;
        private final double nun;
        private final double f1;
        private final double f2;
        private final double f3;

        Snapshot(double kSigma, double nEff, double c, double omegaM, double omegaDe, double w) {
            this.kSigma = kSigma;
            this.nEff = nEff;
            this.curvature = c;
            double n = nEff;
            double n2 = n * n;
            double n3 = n2 * n;
            double n4 = n3 * n;
            double de = omegaDe * (1 + w);
            an = Math.pow(10, 1.5222 + 2.8553 * n + 2.3706 * n2 + 0.9903 * n3 + 0.2250 * n4 - 0.6038 * c
                    + 0.1749 * de); // A6
            bn = Math.pow(10, -0.5642 + 0.5864 * n + 0.5716 * n2 - 1.5474 * c + 0.2279 * de); // A7
            cn = Math.pow(10, 0.3698 + 2.0404 * n + 0.8161 * n2 + 0.5869 * c); // A8
            gamman = 0.1971 - 0.0843 * n + 0.8460 * c; // A9
            alphan = Math.abs(6.0835 + 1.3373 * n - 0.1959 * n2 - 5.5274 * c); // A10
            betan = 2.0379 - 0.7354 * n + 0.3157 * n2 + 1.2490 * n3 + 0.3980 * n4 - 0.1682 * c; // A11
            nun = Math.pow(10, 5.2105 + 3.6902 * n); // A13 (μ_n = 0, A12)
            f1 = Math.pow(omegaM, -0.0307); // Smith et al. C17-C18, flat case
            f2 = Math.pow(omegaM, -0.0585);
            f3 = Math.pow(omegaM, 0.0743);
        }

        /** Non-linear scale k_σ = 1/R_σ (infinite when the epoch is linear on all tabulated scales). */
        public double kSigma() {
            return kSigma;
        }

        /** Effective spectral index n_eff at R_σ. */
        public double nEff() {
            return nEff;
        }

        /** Spectral curvature C at R_σ. */
        public double curvature() {
            return curvature;
        }

        /** Non-linear dimensionless power Δ²_NL(k) from the linear Δ²_L(k) at the same epoch. */
        public double delta2(double k, double delta2Linear) {
            if (Double.isInfinite(kSigma)) {
                return delta2Linear;
            }
            double y = k / kSigma;
            double quasiLinear = delta2Linear * Math.pow(1 + delta2Linear, betan) / (1 + alphan * delta2Linear)
                    * Math.exp(-y / 4 - y * y / 8); // Δ²_Q, Takahashi A2
            double haloPrime = an * Math.pow(y, 3 * f1)
                    / (1 + bn * Math.pow(y, f2) + Math.pow(cn * f3 * y, 3 - gamman)); // Δ²_H', A3
            double halo = haloPrime / (1 + nun / (y * y)); // Δ²_H = Δ²_H'/(1 + μ/y + ν/y²), μ = 0
            return quasiLinear + halo;
        }

        /** Non-linear P(k) from the linear P(k) at the same epoch (same units). */
        public double power(double k, double linearPower) {
            double norm = k * k * k / (2 * Math.PI * Math.PI);
            return delta2(k, linearPower * norm) / norm;
        }
    }
}
