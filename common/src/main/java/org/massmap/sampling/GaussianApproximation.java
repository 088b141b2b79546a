package org.massmap.sampling;

import org.massmap.lensing.ShearLikelihood;
import org.massmap.prior.PowerMap;

/**
 * A Fourier-diagonal approximation of the tempered posterior of a tile under the Gaussian part of
 * the prior: the mask and noise are replaced by their mean inverse variance
 * w̄(σ) = (1/N) Σ_i m_i/(σ_n,i² + σ²), so the precision of mode k is
 * h_k(σ) = w̄(σ)·[k kept by Kaiser-Squires] + 1/(P_k + σ²). Exact for an unmasked, uniform-noise
 * tile. It supplies the Fourier-diagonal mass matrix and the choice of σ_min (docs/conventions.md, "End
 * of annealing"). Immutable.
 */
public final class GaussianApproximation {
    private final PowerMap power;
    private final double[] kept;
    private final double[] noiseVariance;
    private final boolean[] mask;
    private final org.massmap.fft.Fft2 fft;

    public GaussianApproximation(ShearLikelihood likelihood, PowerMap power) {
        this.power = power;
        this.kept = likelihood.operator().keptModes();
        this.noiseVariance = likelihood.noiseVariance();
        this.mask = likelihood.mask();
        this.fft = likelihood.operator().fft();
    }

    /** Mean inverse noise variance over the grid at temperature σ. */
    public double meanWeight(double sigma) {
        double s = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                s += 1 / (noiseVariance[i] + sigma * sigma);
            }
        }
        return s / mask.length;
    }

    /** Precision h_k(σ) of every mode (entry 0 unused). */
    public double[] precision(double sigma) {
        double w = meanWeight(sigma);
        double[] h = new double[kept.length];
        for (int k = 1; k < h.length; k++) {
            h[k] = w * kept[k] + 1 / (power.at(k) + sigma * sigma);
        }
        return h;
    }

    /** Per-pixel posterior variance at temperature σ: the mean over modes of 1/h_k(σ). */
    public double pixelVariance(double sigma) {
        double[] h = precision(sigma);
        double s = 0;
        for (int k = 1; k < h.length; k++) {
            s += 1 / h[k];
        }
        return s / h.length;
    }

    /** The Fourier-diagonal mass matrix M = diag(h(σ)). */
    public MassMatrix fourierMass(double sigma) {
        return new FourierDiagonalMass(fft, precision(sigma));
    }

    /**
     * The largest σ (≤ {@code sigmaMax}) at which the tempered posterior's per-pixel standard
     * deviation exceeds the true (σ = 0) one by at most {@code tolerance} (e.g. 0.01 for 1%).
     */
    public double sigmaMin(double tolerance, double sigmaMax) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("sigma-min tolerance must be positive, got " + tolerance);
        }
        double target = Math.sqrt(pixelVariance(0)) * (1 + tolerance);
        if (Math.sqrt(pixelVariance(sigmaMax)) <= target) {
            return sigmaMax;
        }
        double lo = Math.log(1e-9);
        double hi = Math.log(sigmaMax);
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (Math.sqrt(pixelVariance(Math.exp(mid))) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp(lo);
    }
}
