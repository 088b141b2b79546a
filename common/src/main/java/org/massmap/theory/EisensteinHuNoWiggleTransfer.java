package org.massmap.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Eisenstein &amp; Hu (1998, ApJ 496, 605, section 4.2) transfer function without baryon acoustic
 * oscillations: the shape of the baryon suppression only, through an effective shape parameter
 * Γ_eff(k). Equation numbers below are the paper's. k in h/Mpc. Immutable.
 */
final class EisensteinHuNoWiggleTransfer implements DoubleUnaryOperator {
    private final double h;
    private final double omegaMH;
    private final double theta2;
    private final double alphaGamma;
    private final double soundHorizon;

    EisensteinHuNoWiggleTransfer(CosmologyParams p) {
        h = p.h();
        double theta = p.tCmb() / 2.7;
        theta2 = theta * theta;
        double om = p.omegaM() * h * h; // ω_m
        double ob = p.omegaB() * h * h; // ω_b
        double fb = p.omegaB() / p.omegaM();
        omegaMH = p.omegaM() * h;
        soundHorizon = 44.5 * Math.log(9.83 / om) / Math.sqrt(1 + 10 * Math.pow(ob, 0.75)); // eq. 26, Mpc
        alphaGamma = 1 - 0.328 * Math.log(431 * om) * fb + 0.38 * Math.log(22.3 * om) * fb * fb; // eq. 31
    }

    @Override
    public double applyAsDouble(double kH) {
        double k = kH * h; // Mpc⁻¹
        double gammaEff = omegaMH * (alphaGamma + (1 - alphaGamma) / (1 + Math.pow(0.43 * k * soundHorizon, 4))); // eq. 30
        double q = kH * theta2 / gammaEff; // eq. 28: q = k/(h Mpc⁻¹) Θ²/Γ_eff
        double l0 = Math.log(2 * Math.E + 1.8 * q); // eq. 29
        double c0 = 14.2 + 731 / (1 + 62.5 * q);
        return l0 / (l0 + c0 * q * q);
    }
}
