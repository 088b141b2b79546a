package org.massmap.model;

import java.util.Arrays;
import org.massmap.fft.Fft2;

/**
 * The part of the learned residual that is linear in the map and diagonal in Fourier space, which
 * the hybrid score removes: r'(x, σ) = r(x, σ) − F⁻¹[γ(ℓ, σ)·F x].
 *
 * <p>Why: in the hybrid prior the Gaussian part carries the two-point function and the residual
 * only the non-Gaussian rest (Remy et al. 2020, eq. 6). For the true score of p_σ, Stein's
 * identity E[(P_b x)·s(x)] = −tr P_b holds in every ℓ band b, and the Gaussian score with the
 * simulator's power satisfies it on its own, so the true residual has E[x_b·r_b] = 0 in every band.
 * A trained network need not: a residual correlated with x in a band pulls that band towards zero
 * (or pushes it out) and the sampler draws maps with the wrong power there. The band's regression
 * coefficient γ_b(σ) = E[Re X̄ R] / E[|X|²] over the band's modes, measured on simulations plus noise
 * σ, is that correlation; subtracting γ·x restores E[x_b·r'_b] = 0 in every band at every fitted σ
 * and removes nothing else. The correction is a real, symmetric Fourier filter, the gradient of
 * −½ Σ γ|X|²/N, so the hybrid score stays a gradient field exactly when the network's part is one.
 *
 * <p>γ is tabulated at band centres ℓ_j and noise levels σ_i and interpolated linearly in (ln ℓ,
 * ln σ), held constant outside the table (below the trained σ range the network is evaluated at
 * σ_lo, and so is γ). Units: γ in 1/κ² per pixel-variance mode, as the score is in 1/κ.
 *
 * @param ell   band centres, ascending, multipoles
 * @param sigma noise levels, ascending
 * @param gamma gamma[i][j] at sigma[i] and ell[j]
 * @param maps  simulations per σ the table was measured on
 * @param seed  seed of those simulations (a stream the training and the held-out checks never use)
 */
public record ResidualLinearPart(double[] ell, double[] sigma, double[][] gamma, int maps, long seed) {
    /** No correction (models fitted before this existed, or with it switched off). */
    public static final ResidualLinearPart NONE = new ResidualLinearPart(new double[0], new double[0], new double[0][0], 0, 0);

    public ResidualLinearPart {
        ell = ell.clone();
        sigma = sigma.clone();
        double[][] g = new double[gamma.length][];
        for (int i = 0; i < gamma.length; i++) {
            g[i] = gamma[i].clone();
        }
        gamma = g;
        if (gamma.length != sigma.length) {
            throw new IllegalArgumentException("residual linear part: " + gamma.length + " rows for " + sigma.length + " sigma values");
        }
        for (double[] row : gamma) {
            if (row.length != ell.length) {
                throw new IllegalArgumentException("residual linear part: a row has " + row.length + " values for " + ell.length + " bands");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("residual linear part: non-finite coefficient " + v);
                }
            }
        }
        requireAscendingPositive(ell, "ell");
        requireAscendingPositive(sigma, "sigma");
    }

    private static void requireAscendingPositive(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0) || (i > 0 && !(v[i] > v[i - 1]))) {
                throw new IllegalArgumentException("residual linear part: " + name + " must be positive and ascending, got "
                        + Arrays.toString(v));
            }
        }
    }

    /** Whether there is anything to remove. */
    public boolean corrects() {
        return sigma.length > 0 && ell.length > 0;
    }

    /** γ at every band centre for noise level σ (interpolated in ln σ, clamped to the table). */
    double[] atSigma(double s) {
        double[] out = new double[ell.length];
        if (!corrects()) {
            return out;
        }
        Interpolation w = Interpolation.of(sigma, s);
        for (int j = 0; j < ell.length; j++) {
            out[j] = (1 - w.frac) * gamma[w.index][j] + w.frac * gamma[w.next][j];
        }
        return out;
    }

    /** The correction on an ny × nx tile with pixel side pixelRad (radians). */
    public Filter filter(int ny, int nx, double pixelRad) {
        return new Filter(this, ny, nx, pixelRad);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResidualLinearPart p && Arrays.equals(ell, p.ell) && Arrays.equals(sigma, p.sigma)
                && Arrays.deepEquals(gamma, p.gamma) && maps == p.maps && seed == p.seed;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ell) + Arrays.hashCode(sigma) + Arrays.deepHashCode(gamma);
    }

    @Override
    public String toString() {
        return corrects() ? String.format(java.util.Locale.ROOT, "linear part removed (%d bands × %d σ, %d maps each)",
                ell.length, sigma.length, maps) : "no linear part removed";
    }

    /** Linear interpolation weights in ln v at x, clamped to the ends. */
    private record Interpolation(int index, int next, double frac) {
        static Interpolation of(double[] nodes, double x) {
            int n = nodes.length;
            if (n == 1 || !(x > nodes[0])) {
                return new Interpolation(0, 0, 0);
            }
            if (x >= nodes[n - 1]) {
                return new Interpolation(n - 1, n - 1, 0);
            }
            int i = 0;
            while (nodes[i + 1] < x) {
                i++;
            }
            double f = Math.log(x / nodes[i]) / Math.log(nodes[i + 1] / nodes[i]);
            return new Interpolation(i, i + 1, f);
        }
    }

    /** The correction on one tile shape. Thread-safe (the FFT keeps one plan per thread). */
    public static final class Filter {
        private final ResidualLinearPart part;
        private final int nx;
        private final int ny;
        private final Fft2 fft;
        /** Per mode: the band interpolation's lower index, upper index and fraction (the mean mode: -1). */
        private final int[] lower;
        private final int[] upper;
        private final double[] frac;

        private Filter(ResidualLinearPart part, int ny, int nx, double pixelRad) {
            this.part = part;
            this.nx = nx;
            this.ny = ny;
            this.fft = part.corrects() ? new Fft2(nx, ny) : null;
            int n = nx * ny;
            lower = new int[n];
            upper = new int[n];
            frac = new double[n];
            for (int iy = 0; iy < ny; iy++) {
                double ky = Fft2.freq(iy, ny);
                for (int ix = 0; ix < nx; ix++) {
                    int i = iy * nx + ix;
                    double kx = Fft2.freq(ix, nx);
                    double l = 2 * Math.PI * Math.sqrt(kx * kx + ky * ky) / pixelRad;
                    if (l == 0 || !part.corrects()) {
                        lower[i] = -1;
                        continue;
                    }
                    Interpolation w = Interpolation.of(part.ell, l);
                    lower[i] = w.index;
                    upper[i] = w.next;
                    frac[i] = w.frac;
                }
            }
        }

        /** Whether the filter does nothing. */
        public boolean isIdentity() {
            return fft == null;
        }

        /**
         * γ(ℓ, σ) per Fourier mode (index iy·nx + ix; 0 at the mean mode), or null when there is no
         * correction: the spectral form of {@link #subtractFrom}, for callers that combine terms
         * before one inverse transform.
         */
        public double[] modeGains(double sigma) {
            if (fft == null) {
                return null;
            }
            double[] g = part.atSigma(sigma);
            double[] gains = new double[lower.length];
            for (int i = 0; i < lower.length; i++) {
                gains[i] = lower[i] < 0 ? 0 : (1 - frac[i]) * g[lower[i]] + frac[i] * g[upper[i]];
            }
            return gains;
        }

        /** Subtracts F⁻¹[γ(ℓ, σ)·F x] from out (nothing when there is no correction). */
        public void subtractFrom(double[] out, double[] x, double sigma) {
            if (fft == null) {
                return;
            }
            if (x.length != nx * ny || out.length != nx * ny) {
                throw new IllegalArgumentException("map has " + x.length + " pixels, the filter " + ny + "x" + nx);
            }
            double[] g = part.atSigma(sigma);
            double[] c = fft.forwardReal(x);
            for (int i = 0; i < lower.length; i++) {
                double gain = lower[i] < 0 ? 0 : (1 - frac[i]) * g[lower[i]] + frac[i] * g[upper[i]];
                c[2 * i] *= gain;
                c[2 * i + 1] *= gain;
            }
            fft.inverse(c);
            for (int i = 0; i < out.length; i++) {
                out[i] -= c[2 * i];
            }
        }
    }
}
