package org.massmap.model;

import java.util.Locale;
import java.util.Random;

/**
 * The distribution of the noise level σ (dimensionless, same units as κ) used in denoising score
 * matching (Remy et al. 2020, eq. 3), restricted to the trained range [lo, hi] which is stored in
 * the model file: a sampler must anneal from σ_max ≤ hi; below lo the network's residual is
 * evaluated at lo (see {@link HybridScore}).
 *
 * <p>Why a floor: at σ ≪ κ rms the DSM target u + σ·s_th,σ is almost pure unit noise u, so those
 * draws carry little signal but full gradient variance; with the reference |N(0, 0.2²)| about 1 %
 * of draws fall below 2.5×10⁻³. Drawing from [lo, hi] by rejection keeps the shape of the reference
 * distribution inside the range.
 *
 * @param kind  HALF_NORMAL: |N(0, scale²)| conditioned on [lo, hi]; LOG_UNIFORM: ln σ uniform on [ln lo, ln hi]
 * @param scale s of the half-normal (reference 0.2); ignored by LOG_UNIFORM
 * @param lo    smallest trained σ, > 0
 * @param hi    largest trained σ, > lo
 */
public record SigmaDistribution(Kind kind, double scale, double lo, double hi) {

    /** Shape of the distribution. */
    public enum Kind { HALF_NORMAL, LOG_UNIFORM }

    public SigmaDistribution {
        if (kind == null) {
            throw new IllegalArgumentException("training.sigma.kind is required (HALF_NORMAL or LOG_UNIFORM)");
        }
        if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("training.sigma range must satisfy 0 < lo < hi, got lo=" + lo + ", hi=" + hi);
        }
        if (kind == Kind.HALF_NORMAL) {
            if (!(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("training.sigma.scale must be positive for HALF_NORMAL, got " + scale);
            }
            if (hi < 0.05 * scale || lo > 3 * scale) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "training.sigma range [%g, %g] holds almost none"
                        + " of |N(0, %g^2)|; widen the range or change training.sigma.scale", lo, hi, scale));
            }
        }
    }

    /** The reference distribution |N(0, 0.2²)| with floor 2.5×10⁻³ and ceiling 0.8 (4 s). */
    public static SigmaDistribution reference() {
        return new SigmaDistribution(Kind.HALF_NORMAL, 0.2, 2.5e-3, 0.8);
    }

    /** One draw. */
    public double draw(Random rng) {
        if (kind == Kind.LOG_UNIFORM) {
            return Math.exp(Math.log(lo) + rng.nextDouble() * Math.log(hi / lo));
        }
        while (true) {
            double s = Math.abs(rng.nextGaussian()) * scale;
            if (s >= lo && s <= hi) {
                return s;
            }
        }
    }
}
