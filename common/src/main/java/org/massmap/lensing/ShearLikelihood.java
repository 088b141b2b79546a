package org.massmap.lensing;

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
        double[] c = shearOf(kappa);
        double s2 = sigma * sigma;
        for (int i = 0; i < kappa.length; i++) {
            if (!mask[i]) {
                c[2 * i] = 0;
                c[2 * i + 1] = 0;
                out[i] = 0;
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
                out[i] = 1 - kappa[i] > MIN_ONE_MINUS_KAPPA ? w * (r1 * g1 + r2 * g2) / (omk * omk) : 0;
                c[2 * i] = w * r1 / omk;
                c[2 * i + 1] = w * r2 / omk;
            } else {
                out[i] = 0;
                c[2 * i] = w * (gamma1[i] - g1);
                c[2 * i + 1] = w * (gamma2[i] - g2);
            }
        }
        ks.inverseInPlace(c); // Aᵀ: the E-mode part of the inverse operator
        for (int i = 0; i < kappa.length; i++) {
            out[i] += c[2 * i];
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
