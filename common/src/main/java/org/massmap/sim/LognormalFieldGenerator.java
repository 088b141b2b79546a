package org.massmap.sim;

import java.util.random.RandomGenerator;
import org.massmap.fft.Fft2;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.stats.MeanRemoval;

/**
 * Shifted lognormal convergence fields with a target power spectrum: κ = λ(exp(g − σ_g²/2) − 1),
 * g Gaussian, λ the shift (the smallest possible κ is −λ). The Gaussian field's correlation is
 * ξ_g = ln(1 + ξ_κ/λ²), with ξ_κ = IFFT(P) the target correlation on the periodic grid, so the
 * lognormal field has correlation ξ_κ exactly wherever ξ_g's power is non-negative (negative
 * power of g, which a valid λ rarely gives, is clipped to 0). Positive skewness grows as λ
 * shrinks. Draws have their realised mean removed (zero-mean convention). Thread-safe.
 */
public final class LognormalFieldGenerator {
    private final double shift;
    private final double gaussianVariance;
    private final double clippedFraction;
    private final GaussianFieldGenerator gaussian;

    /**
     * @param target the power map the lognormal field should have
     * @param shift  λ &gt; 0, the lognormal shift parameter
     */
    public LognormalFieldGenerator(PowerMap target, double shift) {
        if (!(shift > 0) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("lognormal shift must be positive, got " + shift);
        }
        int nx = target.nx();
        int ny = target.ny();
        int n = nx * ny;
        Fft2 fft = new Fft2(nx, ny);
        double[] c = fft.pack(target.toArray(), null);
        fft.inverse(c); // ξ_κ(r) = IFFT(P)
        double lambda2 = shift * shift;
        for (int i = 0; i < n; i++) {
            double arg = 1 + c[2 * i] / lambda2;
            if (!(arg > 0)) {
                throw new IllegalArgumentException("lognormal shift " + shift + " is too small for this power spectrum: "
                        + "the correlation reaches " + c[2 * i] + " < -shift^2; increase the shift");
            }
            c[2 * i] = Math.log(arg); // ξ_g(r)
            c[2 * i + 1] = 0;
        }
        this.gaussianVariance = c[0];
        fft.forward(c); // P_g(k)
        double[] pg = new double[n];
        double negative = 0;
        double total = 0;
        for (int i = 1; i < n; i++) {
            pg[i] = Math.max(c[2 * i], 1e-30 * gaussianVariance);
            negative += Math.max(0, -c[2 * i]);
            total += Math.abs(c[2 * i]);
        }
        this.clippedFraction = negative / total;
        this.shift = shift;
        this.gaussian = new GaussianFieldGenerator(PowerMap.of(nx, ny, pg));
    }

    public double shift() {
        return shift;
    }

    /**
     * Σ|P_g| over the modes where ξ_g's power was negative and clipped to 0, over Σ|P_g|: 0 when the
     * shift is valid for the target power (then the draws have it exactly), small otherwise.
     */
    public double clippedPowerFraction() {
        return clippedFraction;
    }

    /** One zero-mean lognormal draw. */
    public double[] draw(RandomGenerator rng) {
        double[] g = gaussian.draw(rng);
        for (int i = 0; i < g.length; i++) {
            g[i] = shift * (Math.exp(g[i] - 0.5 * gaussianVariance) - 1);
        }
        MeanRemoval.removeMean(g);
        return g;
    }
}
