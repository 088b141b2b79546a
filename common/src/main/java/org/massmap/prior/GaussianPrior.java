package org.massmap.prior;

import org.massmap.fft.Fft2;
import org.massmap.sampling.SpectralScore;

/**
 * The Gaussian theory prior p_th(κ) = N(0, S) with S diagonal in Fourier space (Remy et al. 2020,
 * eq. 5), and its tempered form p_th,σ = p_th * N(0, σ²I), whose covariance is P + σ² per mode.
 *
 * <p>Score: s_th,σ(κ) = −IFFT(FFT(κ) / (P + σ²)); the k = 0 mode carries no score (zero-mean maps).
 * Log-density (up to a constant): −½ (1/N) Σ_k |κ̂_k|² / (P_k + σ²). Immutable and thread-safe.
 */
public final class GaussianPrior implements SpectralScore {
    private final PowerMap power;
    private final Fft2 fft;

    public GaussianPrior(PowerMap power) {
        this.power = power;
        this.fft = new Fft2(power.nx(), power.ny());
    }

    public PowerMap power() {
        return power;
    }

    @Override
    public int nx() {
        return power.nx();
    }

    @Override
    public int ny() {
        return power.ny();
    }

    /** Scores of a batch, one real-input forward and one inverse transform per map. */
    @Override
    public void score(double[][] maps, double[] sigmas, double[][] out) {
        double[] c = new double[2 * nx() * ny()];
        for (int b = 0; b < maps.length; b++) {
            fft.forwardReal(maps[b], c);
            applyInverseCovariance(c, sigmas[b], -1.0);
            fft.inverseToReal(c, out[b]);
        }
    }

    /**
     * Adds factor/(P + σ²)·X to {@code target}, both interleaved spectra on this grid (the k = 0
     * term is skipped): the spectral form of the score (factor −1), for callers that combine
     * several terms before one inverse transform.
     */
    public void addFilteredSpectrum(double[] spectrum, double sigma, double factor, double[] target) {
        double s2 = sigma * sigma;
        for (int i = 1; i < spectrum.length / 2; i++) {
            double f = factor / (power.at(i) + s2);
            target[2 * i] += f * spectrum[2 * i];
            target[2 * i + 1] += f * spectrum[2 * i + 1];
        }
    }

    @Override
    public void addScoreSpectra(double[][] maps, double[][] mapSpectra, double[] sigmas, double[][] targets) {
        for (int b = 0; b < mapSpectra.length; b++) {
            addFilteredSpectrum(mapSpectra[b], sigmas[b], -1.0, targets[b]);
        }
    }

    /** The transform of this prior's grid. */
    public Fft2 fft() {
        return fft;
    }

    /** Log-density of the tempered prior at σ, up to an additive constant. */
    public double logDensity(double[] kappa, double sigma) {
        double[] c = fft.forwardReal(kappa);
        double s = 0;
        double s2 = sigma * sigma;
        for (int i = 1; i < kappa.length; i++) {
            s += (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]) / (power.at(i) + s2);
        }
        return -0.5 * s / kappa.length;
    }

    /** Multiplies a spectrum in place by factor/(P + σ²), zeroing k = 0. */
    void applyInverseCovariance(double[] spectrum, double sigma, double factor) {
        double s2 = sigma * sigma;
        spectrum[0] = 0;
        spectrum[1] = 0;
        for (int i = 1; i < spectrum.length / 2; i++) {
            double f = factor / (power.at(i) + s2);
            spectrum[2 * i] *= f;
            spectrum[2 * i + 1] *= f;
        }
    }
}
