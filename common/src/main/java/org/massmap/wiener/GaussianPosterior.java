package org.massmap.wiener;

import java.util.random.RandomGenerator;
import org.massmap.fft.Fft2;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;

/**
 * The Gaussian posterior p(κ | γ) ∝ N(γ; Aκ, N) N(κ; 0, S) of a masked tile, optionally tempered
 * at noise level σ (noise variance σ_n² + σ², prior power P + σ², as the annealed sampler uses).
 *
 * <p>Its mean (the Wiener filter) solves (AᵀWA + S⁻¹) κ = AᵀWγ, W = mask/(σ_n² + σ²), by
 * preconditioned conjugate gradients with the Fourier-diagonal preconditioner (w̄·Π + S⁻¹)⁻¹, w̄ the
 * mean of W over the grid and Π the projection onto the modes A keeps. Exact posterior samples come
 * from perturb-then-optimise constrained realisations (Hoffman &amp; Ribak 1991). Works in the
 * zero-mean subspace (k = 0 fixed at 0). The reduced-shear option does not apply here: the model is
 * linear in κ. Immutable and thread-safe.
 */
public final class GaussianPosterior {
    private final KaiserSquires ks;
    private final Fft2 fft;
    private final PowerMap power;
    private final double sigma;
    private final double[] gamma1;
    private final double[] gamma2;
    private final double[] weight;
    private final double[] noiseStd;
    private final double[] preconditioner;
    private final int n;

    /**
     * @param likelihood the data, mask and noise (its shear model is ignored: linear model)
     * @param power      prior power map of the same grid
     * @param sigma      temperature σ ≥ 0 (0 is the true posterior)
     */
    public GaussianPosterior(ShearLikelihood likelihood, PowerMap power, double sigma) {
        this.ks = likelihood.operator();
        this.fft = ks.fft();
        this.n = ks.nx() * ks.ny();
        if (power.nx() != ks.nx() || power.ny() != ks.ny()) {
            throw new IllegalArgumentException("prior power map is " + power.nx() + "x" + power.ny()
                    + " but the data are " + ks.nx() + "x" + ks.ny());
        }
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("temperature sigma must be finite and >= 0, got " + sigma);
        }
        this.power = power;
        this.sigma = sigma;
        this.gamma1 = likelihood.gamma1();
        this.gamma2 = likelihood.gamma2();
        boolean[] mask = likelihood.mask();
        double[] var = likelihood.noiseVariance();
        this.weight = new double[n];
        this.noiseStd = new double[n];
        double meanWeight = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                weight[i] = 1 / (var[i] + sigma * sigma);
                noiseStd[i] = Math.sqrt(var[i] + sigma * sigma);
                meanWeight += weight[i] / n;
            }
        }
        this.preconditioner = new double[n];
        double[] kept = ks.keptModes();
        for (int k = 1; k < n; k++) {
            preconditioner[k] = 1 / (meanWeight * kept[k] + 1 / priorPower(k));
        }
    }

    private double priorPower(int k) {
        return power.at(k) + sigma * sigma;
    }

    /** The Wiener filter of the data (the posterior mean and maximum). */
    public WienerResult wienerFilter(double tolerance, int maxIterations) {
        return solve(gamma1, gamma2, tolerance, maxIterations);
    }

    /**
     * One exact posterior sample: κ_s ~ N(0, S), fake data d_s = Aκ_s + n_s, and
     * sample = WF(γ − d_s) + κ_s. Exact to the solver tolerance.
     */
    public WienerResult constrainedRealisation(RandomGenerator rng, double tolerance, int maxIterations) {
        double[] kappaS = new GaussianFieldGenerator(power).draw(rng, sigma);
        double[][] shear = ks.forward(kappaS, null);
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            if (weight[i] > 0) {
                d1[i] = gamma1[i] - (shear[0][i] + noiseStd[i] * rng.nextGaussian());
                d2[i] = gamma2[i] - (shear[1][i] + noiseStd[i] * rng.nextGaussian());
            }
        }
        WienerResult wf = solve(d1, d2, tolerance, maxIterations);
        double[] sample = wf.kappa();
        for (int i = 0; i < n; i++) {
            sample[i] += kappaS[i];
        }
        return new WienerResult(sample, wf.iterations(), wf.relativeResidual(), wf.converged());
    }

    private WienerResult solve(double[] g1, double[] g2, double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("Wiener solver needs tolerance > 0 and at least one iteration");
        }
        double[] b = adjointWeighted(g1, g2);
        double bNorm = Math.sqrt(dot(b, b));
        double[] x = new double[n];
        if (bNorm == 0) {
            return new WienerResult(x, 0, 0, true);
        }
        double[] r = b.clone();
        double[] z = precondition(r);
        double[] p = z.clone();
        double rz = dot(r, z);
        double rel = 1;
        int it = 0;
        while (it < maxIterations) {
            double[] hp = applyHessian(p);
            double alpha = rz / dot(p, hp);
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i];
                r[i] -= alpha * hp[i];
            }
            it++;
            rel = Math.sqrt(dot(r, r)) / bNorm;
            if (rel < tolerance) {
                break;
            }
            z = precondition(r);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i];
            }
        }
        return new WienerResult(x, it, rel, rel < tolerance);
    }

    /** AᵀW d. */
    private double[] adjointWeighted(double[] d1, double[] d2) {
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = weight[i] * d1[i];
            c[2 * i + 1] = weight[i] * d2[i];
        }
        ks.inverseInPlace(c);
        return Fft2.real(c);
    }

    /** (AᵀWA + S⁻¹) x, with 4 FFTs: the prior term is added in Fourier space before the last inverse. */
    double[] applyHessian(double[] x) {
        double[] xHat = fft.forwardReal(x);
        double[] c = xHat.clone();
        ks.multiplyInFourierSpace(c, 1);
        fft.inverse(c); // γ = Ax
        for (int i = 0; i < n; i++) {
            c[2 * i] *= weight[i];
            c[2 * i + 1] *= weight[i];
        }
        fft.forward(c);
        ks.multiplyInFourierSpace(c, -1);
        for (int k = 1; k < n; k++) {
            double inv = 1 / priorPower(k);
            c[2 * k] += inv * xHat[2 * k];
            c[2 * k + 1] += inv * xHat[2 * k + 1];
        }
        c[0] = 0;
        c[1] = 0;
        fft.inverse(c);
        return Fft2.real(c);
    }

    private double[] precondition(double[] r) {
        double[] c = fft.forwardReal(r);
        for (int k = 0; k < n; k++) {
            c[2 * k] *= preconditioner[k];
            c[2 * k + 1] *= preconditioner[k];
        }
        fft.inverse(c);
        return Fft2.real(c);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
