package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Eisenstein &amp; Hu (1998, ApJ 496, 605) transfer function with baryon acoustic oscillations,
 * T = (Ω_b/Ω_m) T_b + (Ω_c/Ω_m) T_c (eq. 16). Equation numbers below are the paper's.
 *
 * <p>As in the authors' public code (tf_fit.c) and CCL, the baryon-to-photon ratio at the drag
 * epoch uses 1 + z_d, R_d = 31.5 ω_b Θ⁻⁴ (10³/(1 + z_d)), while R_eq uses z_eq. Internally k is in
 * Mpc⁻¹ as in the paper; {@link #applyAsDouble} takes k in h/Mpc. Requires Ω_b &gt; 0. Immutable.
 */
final class EisensteinHuTransfer implements DoubleUnaryOperator {
    private final double h;
    private final double fBaryon;
    private final double keq;
    private final double soundHorizon;
    private final double kSilk;
    private final double alphaC;
    private final double betaC;
    private final double alphaB;
    private final double betaB;
    private final double betaNode;

    EisensteinHuTransfer(CosmologyParams p) {
        if (p.omegaB() <= 0) {
            throw new IllegalArgumentException("transfer function EISENSTEIN_HU needs omegaB > 0 but omegaB = "
                    + p.omegaB() + "; use EISENSTEIN_HU_NOWIGGLE or BBKS for a cosmology without baryons");
        }
        h = p.h();
        double theta = p.tCmb() / 2.7;
        double theta4 = Math.pow(theta, 4);
        double om = p.omegaM() * h * h; // ω_m = Ω_m h²
        double ob = p.omegaB() * h * h; // ω_b = Ω_b h²
        fBaryon = p.omegaB() / p.omegaM();
        double fCdm = p.omegaC() / p.omegaM();

        double zeq = 2.50e4 * om / theta4; // eq. 2
        keq = 7.46e-2 * om / (theta * theta); // eq. 3, Mpc⁻¹
        double b1 = 0.313 * Math.pow(om, -0.419) * (1 + 0.607 * Math.pow(om, 0.674)); // eq. 4
        double b2 = 0.238 * Math.pow(om, 0.223);
        double zd = 1291 * Math.pow(om, 0.251) / (1 + 0.659 * Math.pow(om, 0.828)) * (1 + b1 * Math.pow(ob, b2));
        double rd = 31.5 * ob / theta4 * (1000 / (1 + zd)); // eq. 5 at the drag epoch
        double req = 31.5 * ob / theta4 * (1000 / zeq); // eq. 5 at equality
        soundHorizon = 2 / (3 * keq) * Math.sqrt(6 / req)
                * Math.log((Math.sqrt(1 + rd) + Math.sqrt(rd + req)) / (1 + Math.sqrt(req))); // eq. 6, Mpc
        kSilk = 1.6 * Math.pow(ob, 0.52) * Math.pow(om, 0.73) * (1 + Math.pow(10.4 * om, -0.95)); // eq. 7

        double a1 = Math.pow(46.9 * om, 0.670) * (1 + Math.pow(32.1 * om, -0.532)); // eq. 11
        double a2 = Math.pow(12.0 * om, 0.424) * (1 + Math.pow(45.0 * om, -0.582));
        alphaC = Math.pow(a1, -fBaryon) * Math.pow(a2, -fBaryon * fBaryon * fBaryon);
        double bb1 = 0.944 / (1 + Math.pow(458 * om, -0.708)); // eq. 12
        double bb2 = Math.pow(0.395 * om, -0.0266);
        betaC = 1 / (1 + bb1 * (Math.pow(fCdm, bb2) - 1));

        double y = zeq / (1 + zd);
        double s1y = Math.sqrt(1 + y);
        double gy = y * (-6 * s1y + (2 + 3 * y) * Math.log((s1y + 1) / (s1y - 1))); // eq. 15
        alphaB = 2.07 * keq * soundHorizon * Math.pow(1 + rd, -0.75) * gy; // eq. 14
        betaB = 0.5 + fBaryon + (3 - 2 * fBaryon) * Math.sqrt(Math.pow(17.2 * om, 2) + 1); // eq. 24
        betaNode = 8.41 * Math.pow(om, 0.435); // eq. 23
    }

    @Override
    public double applyAsDouble(double kH) {
        double k = kH * h; // Mpc⁻¹
        if (k == 0) {
            return 1;
        }
        double ks = k * soundHorizon;
        double f = 1 / (1 + Math.pow(ks / 5.4, 4)); // eq. 18
        double tc = f * t0(k, 1, betaC) + (1 - f) * t0(k, alphaC, betaC); // eq. 17
        double sTilde = soundHorizon / Math.cbrt(1 + Math.pow(betaNode / ks, 3)); // eq. 22
        double x = k * sTilde;
        double j0 = Math.abs(x) < 1e-3 ? 1 - x * x / 6 : Math.sin(x) / x;
        double tb = (t0(k, 1, 1) / (1 + Math.pow(ks / 5.2, 2))
                + alphaB / (1 + Math.pow(betaB / ks, 3)) * Math.exp(-Math.pow(k / kSilk, 1.4))) * j0; // eq. 21
        return fBaryon * tb + (1 - fBaryon) * tc; // eq. 16
    }

    /** T̃0(k, α_c, β_c) of eqs 19-20, k in Mpc⁻¹. */
    private double t0(double k, double alpha, double beta) {
        double q = k / (13.41 * keq); // eq. 10
        double c = 14.2 / alpha + 386 / (1 + 69.9 * Math.pow(q, 1.08)); // eq. 20
        double l = Math.log(Math.E + 1.8 * beta * q);
        return l / (l + c * q * q); // eq. 19
    }
}
