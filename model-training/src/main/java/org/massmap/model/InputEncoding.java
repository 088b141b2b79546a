package org.massmap.model;

/**
 * How a noisy map x' and its noise level σ are presented to the network (the noise-conditional input
 * of Remy et al. 2020, eq. 6), in NHWC channel order:
 * <ol>
 *   <li>c(σ)·x' (compressed, see below)</li>
 *   <li>c(σ)·σ²·s_th,σ(x') (the Wiener-filter correction of x', so that channel 1 + channel 2 is the
 *       Gaussian posterior mean of the clean map, scaled; compressed likewise)</li>
 *   <li>ln σ, constant over the map</li>
 * </ol>
 * with the input gain c(σ) = 1/√(κ_s² + σ²), where κ_s (dimensionless, the per-pixel rms of the
 * clean maps, by default √(mean P) of the Gaussian part on the training crop) makes both map channels
 * of order one at every σ. The output of the network is divided by σ to give r_θ (see
 * {@link HybridScore}). Training and sampling share this one class so the two cannot drift apart.
 *
 * <p>With a compression a &gt; 0 both map channels v pass through a·asinh(v/a): linear within about ±a,
 * logarithmic beyond. A network fed this way grows at most logarithmically in the map far
 * outside its training range, while the Gaussian part's restoring force grows linearly, so a chain
 * cannot be pushed ever further out by the residual's extrapolation. The transform is invertible, so
 * no information is lost inside the range. a = 0 (older models) is the linear encoding.
 *
 * @param kappaScale  κ_s, positive
 * @param compression a, in units of the scaled channels (≥ 0; 0 = linear)
 */
public record InputEncoding(double kappaScale, double compression) {

    public InputEncoding {
        if (!(kappaScale > 0) || !Double.isFinite(kappaScale)) {
            throw new IllegalArgumentException("input encoding kappa-scale must be positive and finite, got " + kappaScale);
        }
        if (!(compression >= 0) || !Double.isFinite(compression)) {
            throw new IllegalArgumentException("training.input-compression must be >= 0 and finite (0 = linear), got " + compression);
        }
    }

    /** The linear encoding (no compression). */
    public InputEncoding(double kappaScale) {
        this(kappaScale, 0);
    }

    /** a·asinh(v/a), or v when a = 0; odd and monotonic. */
    public double compress(double v) {
        if (compression == 0) {
            return v;
        }
        double t = Math.abs(v) / compression;
        double asinh = Math.log(t + Math.sqrt(t * t + 1));
        return Math.copySign(compression * asinh, v);
    }

    /** c(σ) = 1/√(κ_s² + σ²). */
    public double gain(double sigma) {
        return 1.0 / Math.sqrt(kappaScale * kappaScale + sigma * sigma);
    }

    /**
     * Writes the three input channels of one map into an NHWC buffer.
     *
     * @param noisy     x', ny·nx row-major
     * @param thScore   s_th,σ(x') at the same σ
     * @param sigma     σ > 0
     * @param dst       [batch, ny, nx, 3] buffer
     * @param mapIndex  which batch entry to fill
     */
    public void encode(double[] noisy, double[] thScore, double sigma, float[] dst, int mapIndex) {
        int n = noisy.length;
        double c = gain(sigma);
        double cs2 = c * sigma * sigma;
        float logSigma = (float) Math.log(sigma);
        int base = mapIndex * n * NetworkConfig.INPUT_CHANNELS;
        for (int i = 0; i < n; i++) {
            int o = base + NetworkConfig.INPUT_CHANNELS * i;
            dst[o] = (float) compress(c * noisy[i]);
            dst[o + 1] = (float) compress(cs2 * thScore[i]);
            dst[o + 2] = logSigma;
        }
    }
}
