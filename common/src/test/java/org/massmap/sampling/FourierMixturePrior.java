package org.massmap.sampling;

import org.massmap.fft.Fft2;

/**
 * A non-Gaussian prior that factorises over Fourier modes, with an exact tempered score at every σ.
 *
 * <p>Conventions (unnormalised forward FFT, N = nx·ny pixels): for a mode k that is not its own
 * conjugate, κ̂_k and κ̂_{−k} = conj(κ̂_k) carry two free real numbers, u_re = Re κ̂_k/√(N/2) and
 * u_im = Im κ̂_k/√(N/2); for a self-conjugate mode k ≠ 0 (the Nyquist corners of even sizes) κ̂_k is
 * real and u = κ̂_k/√N. With these scalings white pixel noise of variance σ² adds exactly σ² to the
 * variance of every u, so the prior "every u independently from the mixture p" tempers to "every u
 * from p convolved with N(0, σ²)". A one-component mixture N(0, P) is the Gaussian prior with power
 * P at every mode. The k = 0 mode carries no score (the sampler's maps have zero mean).
 *
 * <p>Score: s(κ) = N · IFFT(G) with G_k = (ψ(u_re) + iψ(u_im))/(2√(N/2)) and G_{−k} = conj(G_k)
 * for the half-plane mode k, G_k = ψ(u)/√N for self-conjugate modes, ψ the mixture's score.
 * Thread-safe.
 */
final class FourierMixturePrior implements ScoreFunction {
    private final int nx;
    private final int ny;
    private final GaussianMixture mixture;
    private final Fft2 fft;

    FourierMixturePrior(int nx, int ny, GaussianMixture mixture) {
        this.nx = nx;
        this.ny = ny;
        this.mixture = mixture;
        this.fft = new Fft2(nx, ny);
    }

    @Override
    public int nx() {
        return nx;
    }

    @Override
    public int ny() {
        return ny;
    }

    /** The FFT index of −k for the FFT index k. */
    int partner(int k) {
        int iy = k / nx;
        int ix = k % nx;
        return ((ny - iy) % ny) * nx + (nx - ix) % nx;
    }

    /** √(N/2), the scale between Re/Im κ̂_k and u for modes that are not self-conjugate. */
    double pairScale() {
        return Math.sqrt(nx * ny / 2.0);
    }

    @Override
    public void score(double[][] maps, double[] sigmas, double[][] out) {
        int n = nx * ny;
        double a = pairScale();
        double b = Math.sqrt(n);
        for (int m = 0; m < maps.length; m++) {
            GaussianMixture p = mixture.tempered(sigmas[m] * sigmas[m]);
            double[] c = fft.forwardReal(maps[m]);
            double[] g = new double[2 * n];
            for (int k = 1; k < n; k++) {
                int q = partner(k);
                if (q == k) {
                    g[2 * k] = p.score(c[2 * k] / b) / b;
                } else if (k < q) {
                    double re = p.score(c[2 * k] / a) / (2 * a);
                    double im = p.score(c[2 * k + 1] / a) / (2 * a);
                    g[2 * k] = re;
                    g[2 * k + 1] = im;
                    g[2 * q] = re;
                    g[2 * q + 1] = -im;
                }
            }
            fft.inverse(g);
            for (int i = 0; i < n; i++) {
                out[m][i] = n * g[2 * i];
            }
        }
    }
}
