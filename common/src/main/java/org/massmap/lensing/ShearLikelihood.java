package org.massmap.lensing;

import org.massmap.fft.Fft2;

/**
 * Masked Gaussian shape-noise likelihood of binned shear data given a convergence map κ (E mode
 * only, κ_B = 0): γ_obs = M ⊙ (A κ + n), n ~ N(0, σ_n²) independently per pixel and component.
 *
 * <p>Tempered variant (Remy et al. 2020, eq. 4; docs/conventions.md, Tempering): the noise variance becomes
 * σ_n² + σ². log L = −½ Σ_pixels m/(σ_n² + σ²) · |γ_obs − model(κ)|² (constants dropped), with
 * model(κ) = Aκ or, for {@link ShearModel#REDUCED_SHEAR}, Aκ/(1 − κ), where 1 − κ is floored at
 * {@value #MIN_ONE_MINUS_KAPPA} to keep the model finite in unphysical states.
 *
 * <p>Masked pixels (m = 0) are those with no galaxies: their noise is non-finite or the mask says so.
 * Immutable and thread-safe.
 */
public final class ShearLikelihood {
    /** Floor on 1 − κ in the reduced-shear model. */
    public static final double MIN_ONE_MINUS_KAPPA = 0.05;

    private final KaiserSquires ks;
    private final double[] gamma1;
    private final double[] gamma2;
    private final double[] noiseVariance;
    private final boolean[] mask;
    private final ShearModel model;

    /**
     * @param gamma1   observed γ1 per pixel (grid frame)
     * @param gamma2   observed γ2 per pixel
     * @param noiseStd σ_n per pixel and component; pixels outside the mask are ignored
     * @param mask     true where the pixel is observed
     */
    public ShearLikelihood(KaiserSquires ks, double[] gamma1, double[] gamma2, double[] noiseStd, boolean[] mask,
            ShearModel model) {
        int n = ks.nx() * ks.ny();
        if (gamma1.length != n || gamma2.length != n || noiseStd.length != n || mask.length != n) {
            throw new IllegalArgumentException("likelihood maps must all have " + n + " pixels");
        }
        this.ks = ks;
        this.gamma1 = gamma1.clone();
        this.gamma2 = gamma2.clone();
        this.mask = mask.clone();
        this.noiseVariance = new double[n];
        int observed = 0;
        for (int i = 0; i < n; i++) {
            if (!mask[i]) {
                continue;
            }
            double s = noiseStd[i];
            if (!(s > 0) || !Double.isFinite(s) || !Double.isFinite(gamma1[i]) || !Double.isFinite(gamma2[i])) {
                throw new IllegalArgumentException("observed pixel " + i + " has noise " + s + " and shear ("
                        + gamma1[i] + ", " + gamma2[i] + "); observed pixels need finite shear and positive noise");
            }
            noiseVariance[i] = s * s;
            observed++;
        }
        if (observed == 0) {
            throw new IllegalArgumentException("the mask leaves no observed pixel: the tile has no galaxies");
        }
        this.model = model;
    }

    public KaiserSquires operator() {
        return ks;
    }

    public ShearModel model() {
        return model;
    }

    public boolean[] mask() {
        return mask.clone();
    }

    /** σ_n² per pixel (0 outside the mask). */
    public double[] noiseVariance() {
        return noiseVariance.clone();
    }

    public double[] gamma1() {
        return gamma1.clone();
    }

    public double[] gamma2() {
        return gamma2.clone();
    }

    /** Tempered log-likelihood at noise level σ (σ = 0 is the true likelihood), constants dropped. */
    public double logLikelihood(double[] kappa, double sigma) {
        double[] shear = shearOf(kappa);
        double s2 = sigma * sigma;
        double sum = 0;
        for (int i = 0; i < kappa.length; i++) {
            if (!mask[i]) {
                continue;
            }
            double scale = model == ShearModel.REDUCED_SHEAR ? 1 / oneMinusKappa(kappa[i]) : 1.0;
            double r1 = gamma1[i] - shear[2 * i] * scale;
            double r2 = gamma2[i] - shear[2 * i + 1] * scale;
            sum += (r1 * r1 + r2 * r2) / (noiseVariance[i] + s2);
        }
        return -0.5 * sum;
    }

    /** Gradient of the tempered log-likelihood with respect to κ, written into {@code out}. */
    public void gradient(double[] kappa, double sigma, double[] out) {
        gradientPlus(new double[][] {kappa}, new double[] {sigma}, null, new double[][] {out});
    }

    /**
     * Replaces the model shear c = Aκ (interleaved) by the weighted residual W (γ_obs − model) that Aᵀ
     * acts on (zero outside the mask), and writes the local reduced-shear term ∂/∂κ_i of 1/(1 − κ_i)
     * into {@code local} (zero for the plain shear model).
     */
    private void weightResidual(double[] kappa, double[] c, double sigma, double[] local) {
        double s2 = sigma * sigma;
        for (int i = 0; i < kappa.length; i++) {
            if (!mask[i]) {
                c[2 * i] = 0;
                c[2 * i + 1] = 0;
                local[i] = 0;
                continue;
            }
            double w = 1 / (noiseVariance[i] + s2);
            double g1 = c[2 * i];
            double g2 = c[2 * i + 1];
            if (model == ShearModel.REDUCED_SHEAR) {
                double omk = oneMinusKappa(kappa[i]);
                double r1 = gamma1[i] - g1 / omk;
                double r2 = gamma2[i] - g2 / omk;
                // ∂/∂κ_i of the local factor 1/(1 − κ_i) (zero where the floor is active)
                local[i] = 1 - kappa[i] > MIN_ONE_MINUS_KAPPA ? w * (r1 * g1 + r2 * g2) / (omk * omk) : 0;
                c[2 * i] = w * r1 / omk;
                c[2 * i + 1] = w * r2 / omk;
            } else {
                local[i] = 0;
                c[2 * i] = w * (gamma1[i] - g1);
                c[2 * i + 1] = w * (gamma2[i] - g2);
            }
        }
    }

    /**
     * Gradients of a batch of maps, each at its own σ, written into {@code out[b]}; equal to
     * {@link #gradient(double[], double, double[])} per map, with a real-input forward
     * transform of κ (about two thirds of a complex one), and each map's result independent of the
     * others in the batch.
     */
    public void gradient(double[][] kappas, double[] sigmas, double[][] out) {
        gradientPlus(kappas, sigmas, null, out);
    }

    /**
     * As {@link #gradient(double[][], double[], double[][])}, plus a term given by its spectrum (a
     * prior's score, say), added before the final inverse transform so that it costs no transform
     * of its own and is given the spectra of the maps the gradient computes anyway.
     *
     * @param extra adds the term's spectra for the maps, their spectra and σs to target spectra; null for none
     */
    public void gradientPlus(double[][] kappas, double[] sigmas, SpectralTerm extra, double[][] out) {
        Fft2 fft = ks.fft();
        int n = ks.nx() * ks.ny();
        int batch = kappas.length;
        double[][] spectra = new double[batch][2 * n];
        for (int b = 0; b < batch; b++) {
            fft.forwardReal(kappas[b], spectra[b]);
        }
        double[][] terms = null;
        if (extra != null) {
            terms = new double[batch][2 * n];
            extra.addTo(kappas, spectra, sigmas, terms);
        }
        double[] real = new double[n];
        for (int b = 0; b < batch; b++) {
            double[] spectrum = spectra[b];
            adjointSpectrum(kappas[b], spectrum, sigmas[b], out[b]);
            if (terms != null) {
                for (int i = 0; i < 2 * n; i++) {
                    spectrum[i] += terms[b][i];
                }
            }
            fft.inverseToReal(spectrum, real); // the real part of Aᵀ is what acts on κ
            add(real, out[b]);
        }
    }

    /** Terms of a batch's gradients known by their spectra. */
    @FunctionalInterface
    public interface SpectralTerm {
        /** Adds to targets[b] the term's spectrum for maps[b] (spectrum mapSpectra[b]) at sigmas[b]. */
        void addTo(double[][] maps, double[][] mapSpectra, double[] sigmas, double[][] targets);
    }

    /**
     * From the spectrum of κ, leaves in {@code spectrum} the spectrum of Aᵀ W (γ_obs − model) (E mode in the
     * real part of its inverse, B mode in the imaginary part)
     * and writes the local reduced-shear term into {@code local}.
     */
    private void adjointSpectrum(double[] kappa, double[] spectrum, double sigma, double[] local) {
        Fft2 fft = ks.fft();
        ks.multiplyInFourierSpace(spectrum, 1);
        fft.inverse(spectrum); // γ = Aκ
        weightResidual(kappa, spectrum, sigma, local);
        fft.forward(spectrum);
        ks.multiplyInFourierSpace(spectrum, -1);
    }

    private static void add(double[] term, double[] target) {
        for (int i = 0; i < term.length; i++) {
            target[i] += term[i];
        }
    }

    /** Allocating form of {@link #gradient(double[], double, double[])}. */
    public double[] gradient(double[] kappa, double sigma) {
        double[] out = new double[kappa.length];
        gradient(kappa, sigma, out);
        return out;
    }

    /** γ = Aκ as an interleaved complex map γ1 + iγ2. */
    private double[] shearOf(double[] kappa) {
        double[] c = ks.fft().pack(kappa, null);
        ks.forwardInPlace(c);
        return c;
    }

    private static double oneMinusKappa(double kappa) {
        return Math.max(1 - kappa, MIN_ONE_MINUS_KAPPA);
    }
}
