package org.massmap.wiener;

import org.massmap.fft.Fft2;
import org.massmap.lensing.KaiserSquires;
import org.massmap.prior.PowerMap;

/**
 * The closed-form Gaussian posterior of an unmasked tile with uniform noise σ_n per pixel and
 * component: diagonal in Fourier space. On modes the Kaiser-Squires operator keeps,
 * mean = P/(P + σ_n²) · κ̂_KS and variance = P σ_n²/(P + σ_n²); on the Nyquist modes of even sizes
 * (which the data do not see) mean 0 and variance P; k = 0 is fixed at 0. Used as ground truth.
 */
public final class DiagonalGaussianPosterior {
    private final KaiserSquires ks;
    private final PowerMap power;
    private final double noiseVariance;
    private final double[] kept;

    public DiagonalGaussianPosterior(KaiserSquires ks, PowerMap power, double noiseStd) {
        this.ks = ks;
        this.power = power;
        this.noiseVariance = noiseStd * noiseStd;
        this.kept = ks.keptModes();
    }

    /** Posterior mean given shear maps. */
    public double[] mean(double[] gamma1, double[] gamma2) {
        double[] c = ks.fft().pack(gamma1, gamma2);
        ks.fft().forward(c);
        ks.multiplyInFourierSpace(c, -1);
        for (int k = 0; k < kept.length; k++) {
            double f = kept[k] * power.at(k) / (power.at(k) + noiseVariance);
            c[2 * k] *= f;
            c[2 * k + 1] *= f;
        }
        ks.fft().inverse(c);
        return Fft2.real(c);
    }

    /** Posterior variance of each Fourier mode (its covariance is diagonal, per-mode N·var). */
    public double modeVariance(int k) {
        if (k == 0) {
            return 0;
        }
        double p = power.at(k);
        return kept[k] > 0 ? p * noiseVariance / (p + noiseVariance) : p;
    }

    /** Per-pixel posterior variance (the same at every pixel): the mean of the mode variances. */
    public double pixelVariance() {
        double s = 0;
        for (int k = 0; k < kept.length; k++) {
            s += modeVariance(k);
        }
        return s / kept.length;
    }
}
