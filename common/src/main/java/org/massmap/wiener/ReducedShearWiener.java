package org.massmap.wiener;

import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.PowerMap;

/**
 * The Wiener filter for reduced-shear data g = γ/(1 − κ), so a linear baseline meets the posterior on
 * the same shear model: the fixed point κ = WF(g·(1 − κ)), with the noise per pixel scaled alike
 * (σ_γ = σ_g·|1 − κ|), started from the shear-approximation filter κ₀ = WF(g). Each step is one
 * Wiener solve of {@link GaussianPosterior}; for weak-lensing κ (|κ| ≪ 1) a few steps reach the fixed
 * point. With shear data ({@link ShearModel#SHEAR}) it is the plain Wiener filter. Immutable.
 */
public final class ReducedShearWiener {
    private ReducedShearWiener() {
    }

    /**
     * @param likelihood the data, mask, noise and shear model
     * @param power      prior power map of the same grid
     * @param steps      fixed-point steps after the first solve (0 = the shear-approximation filter)
     */
    public static WienerResult of(ShearLikelihood likelihood, PowerMap power, double tolerance, int maxIterations, int steps) {
        WienerResult r = new GaussianPosterior(likelihood, power, 0).wienerFilter(tolerance, maxIterations);
        if (likelihood.model() != ShearModel.REDUCED_SHEAR) {
            return r;
        }
        double[] g1 = likelihood.gamma1();
        double[] g2 = likelihood.gamma2();
        double[] var = likelihood.noiseVariance();
        boolean[] mask = likelihood.mask();
        int n = g1.length;
        for (int step = 0; step < steps; step++) {
            double[] kappa = r.kappa();
            double[] gamma1 = new double[n];
            double[] gamma2 = new double[n];
            double[] noise = new double[n];
            for (int i = 0; i < n; i++) {
                double f = Math.max(ShearLikelihood.MIN_ONE_MINUS_KAPPA, 1 - kappa[i]);
                gamma1[i] = g1[i] * f;
                gamma2[i] = g2[i] * f;
                noise[i] = mask[i] ? Math.sqrt(var[i]) * f : 1;
            }
            ShearLikelihood linear = new ShearLikelihood(likelihood.operator(), gamma1, gamma2, noise, mask, ShearModel.SHEAR);
            r = new GaussianPosterior(linear, power, 0).wienerFilter(tolerance, maxIterations);
        }
        return r;
    }
}
