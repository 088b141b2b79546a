package org.massmap.sim;

/**
 * Projected convergence of a truncated NFW halo (Bartelmann 1996; Wright &amp; Brainerd 2000):
 * κ(x) = 2κ_s (1 − F(x))/(x² − 1) with x = θ/θ_s, and
 * F(x) = arccosh(1/x)/√(1 − x²) for x &lt; 1, arccos(1/x)/√(x² − 1) for x &gt; 1, F(1) = 1
 * (κ(1) = 2κ_s/3). Truncated at x = c (the concentration, i.e. at θ_200), beyond which κ = 0.
 *
 * @param kappaS     characteristic convergence κ_s = ρ_s r_s / Σ_cr
 * @param thetaSRad  scale radius θ_s in radians
 * @param truncation truncation radius in units of θ_s (the concentration c)
 */
public record NfwProfile(double kappaS, double thetaSRad, double truncation) {

    public NfwProfile {
        if (!(kappaS > 0) || !(thetaSRad > 0) || !(truncation > 0)) {
            throw new IllegalArgumentException("NFW profile needs kappa_s, theta_s and truncation > 0, got "
                    + kappaS + ", " + thetaSRad + ", " + truncation);
        }
    }

    /** κ at angular distance θ (radians) from the centre; finite for θ &gt; 0. */
    public double kappa(double thetaRad) {
        double x = thetaRad / thetaSRad;
        if (x >= truncation) {
            return 0;
        }
        return 2 * kappaS * shape(x);
    }

    /** (1 − F(x))/(x² − 1). */
    static double shape(double x) {
        double d = x * x - 1;
        double u = x - 1;
        if (Math.abs(u) < 1e-3) {
            return 1.0 / 3.0 - 0.4 * u + 13.0 / 35.0 * u * u; // series about x = 1 (the closed forms cancel badly there)
        }
        double f;
        if (x < 1) {
            double s = Math.sqrt(1 - x * x);
            f = Math.log((1 + s) / x) / s; // arccosh(1/x)/sqrt(1-x^2)
        } else {
            double s = Math.sqrt(d);
            f = Math.acos(1 / x) / s;
        }
        return (1 - f) / d;
    }
}
