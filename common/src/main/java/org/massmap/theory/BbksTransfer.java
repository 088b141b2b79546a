package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * BBKS transfer function (Bardeen et al. 1986, eq. G3) with the Sugiyama (1995) shape parameter.
 * k in h/Mpc. Immutable.
 */
final class BbksTransfer implements DoubleUnaryOperator {
    /** q = k · qPerK, k in h/Mpc. */
    private final double qPerK;

    BbksTransfer(CosmologyParams p) {
        double theta = p.tCmb() / 2.7;
        double omegaM = p.omegaM();
        double gamma = omegaM * p.h() * Math.exp(-p.omegaB() * (1 + Math.sqrt(2 * p.h()) / omegaM)); // Γ (Sugiyama 1995)
        this.qPerK = theta * theta / gamma; // q = k Θ²/Γ, k in h/Mpc
    }

    @Override
    public double applyAsDouble(double k) {
        double q = k * qPerK;
        if (q == 0) {
            return 1;
        }
        double x = 2.34 * q;
        double poly = 1 + 3.89 * q + sq(16.1 * q) + cube(5.46 * q) + sq(sq(6.71 * q));
        // T = ln(1+2.34q)/(2.34q) [1 + 3.89q + (16.1q)² + (5.46q)³ + (6.71q)⁴]^(-1/4)
        return Math.log1p(x) / x * Math.pow(poly, -0.25);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double cube(double x) {
        return x * x * x;
    }
}
