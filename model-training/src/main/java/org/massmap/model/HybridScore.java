package org.massmap.model;

import java.util.Locale;
import org.massmap.prior.GaussianPrior;
import org.massmap.sampling.ScoreFunction;

/**
 * The hybrid prior score of Remy et al. (2020), eq. 6, on one tile shape:
 * s(x, σ) = s_th,σ(x) + r_θ(x, σ), with s_th,σ = −IFFT(FFT(x)/(P + σ²)) exact and
 * r_θ(x, σ) = net(c(σ)x, c(σ)σ²s_th,σ(x), ln σ) / σ.
 *
 * <p>Maps go through the network in chunks of at most {@code maxPixelsPerForward} pixels (at least
 * one map), since large batches of large tiles run slower per map on CPU. Below the trained σ range
 * the network part is evaluated at σ_lo (r_θ(x, σ_lo)); the Gaussian part always uses the exact σ, so
 * s → s_th,0 + r_θ(x, σ_lo) as σ → 0. Above the range is an error.
 *
 * <p>Scales: the residual can be restricted to small scales by a Gaussian high-pass window
 * W(k) = 1 − exp(−k²/k_c²), k_c = 1/L cycles per pixel for a scale of L pixels, so that on large scales,
 * where the theory's Gaussian prior holds, the theory alone governs (the paper's principle). This
 * matters for sampling: a network trained on small crops sees few large-scale modes, and its noise
 * there outweighs the theory's weak restoring force on those modes (P large), which lets them drift
 * without bound during annealing (measured: prior-only samples with 10–400× the theory power on the
 * largest scales of a 64² tile, against 0.7–1.7× with L = crop/4).
 *
 * <p>Borders: the Gaussian part treats the tile as a torus (FFT), so the network is run on the map
 * extended periodically by {@code wrapPadding} pixels on every side (a few more on the high sides
 * when the tile is not a multiple of the network's 2^scales, so any tile size works) and its output
 * cropped back. The network's zero-padded convolutions then see the same periodic content across the
 * tile edge as the theory part does, instead of an edge the sampler can exploit: measured without it, unobserved
 * border pixels of prior-dominated regions drifted to bright strips 1–3 pixels wide.
 *
 * <p>Each map's score is independent of the other maps in its batch (inference-mode batch norm).
 * Thread-safe: the Gaussian part is thread-safe and network passes are serialised by
 * {@link ScoreNetwork}.
 */
public final class HybridScore implements ScoreFunction {
    private final ScoreNetwork network;
    private final GaussianPrior prior;
    private final InputEncoding encoding;
    private final double sigmaLo;
    private final double sigmaHi;
    private final int maxPixelsPerForward;
    /** High-pass window per Fourier mode, or null for none. */
    private final double[] highPass;
    private final org.massmap.fft.Fft2 fft;
    /** Periodic extension on the low side of each axis, pixels. */
    private final int pad;
    /** Sides of the padded map the network sees. */
    private final int px;
    private final int py;

    /**
     * @param maxPixelsPerForward pixel budget of one network pass, e.g. 65536 (four 128² maps, one 360² map)
     */
    public HybridScore(ScoreNetwork network, GaussianPrior prior, InputEncoding encoding, double sigmaLo, double sigmaHi,
                       int maxPixelsPerForward) {
        this(network, prior, encoding, sigmaLo, sigmaHi, maxPixelsPerForward, 0, 0);
    }

    /**
     * @param highPassPixels scale L (pixels) below which the residual acts, 0 for no filtering
     * @param wrapPadding    periodic extension before the network, pixels (≥ 0) on the low side of each axis;
     *                       the high side gets as many more as make the padded side a multiple of the
     *                       network's tile multiple, so any tile size works. With 0, the tile itself must be
     *                       such a multiple.
     */
    public HybridScore(ScoreNetwork network, GaussianPrior prior, InputEncoding encoding, double sigmaLo, double sigmaHi,
                       int maxPixelsPerForward, double highPassPixels, int wrapPadding) {
        if (wrapPadding < 0) {
            throw new IllegalArgumentException("network wrap padding must be >= 0 pixels, got " + wrapPadding);
        }
        int m = network.config().tileMultiple();
        this.pad = wrapPadding;
        this.px = paddedSide(prior.nx(), wrapPadding, m);
        this.py = paddedSide(prior.ny(), wrapPadding, m);
        network.config().requireTileShape(py, px); // unpadded (wrapPadding 0): the tile itself must fit the network
        if (maxPixelsPerForward < 1) {
            throw new IllegalArgumentException("maxPixelsPerForward must be >= 1, got " + maxPixelsPerForward);
        }
        this.network = network;
        this.prior = prior;
        this.encoding = encoding;
        this.sigmaLo = sigmaLo;
        this.sigmaHi = sigmaHi;
        this.maxPixelsPerForward = maxPixelsPerForward;
        if (!(highPassPixels >= 0)) {
            throw new IllegalArgumentException("residual high-pass scale must be >= 0 pixels, got " + highPassPixels);
        }
        this.fft = new org.massmap.fft.Fft2(prior.nx(), prior.ny());
        this.highPass = highPassPixels > 0 ? window(prior.nx(), prior.ny(), 1.0 / highPassPixels) : null;
    }

    private static double[] window(int nx, int ny, double kc) {
        double[] w = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            double ky = org.massmap.fft.Fft2.freq(iy, ny);
            for (int ix = 0; ix < nx; ix++) {
                double kx = org.massmap.fft.Fft2.freq(ix, nx);
                w[iy * nx + ix] = 1 - Math.exp(-(kx * kx + ky * ky) / (kc * kc)); // W(k) = 1 − exp(−k²/k_c²)
            }
        }
        return w;
    }

    /** n + 2·pad rounded up to a multiple of m (pad pixels low, the rest high). */
    static int paddedSide(int n, int pad, int m) {
        int side = n + 2 * pad;
        return pad == 0 ? n : side + Math.floorMod(-side, m);
    }

    /** The map extended periodically to py × px, the tile starting at (pad, pad) (the map itself when unpadded). */
    private double[] wrap(double[] map) {
        int nx = nx();
        int ny = ny();
        if (px == nx && py == ny) {
            return map;
        }
        double[] out = new double[px * py];
        for (int y = 0; y < py; y++) {
            int sy = Math.floorMod(y - pad, ny) * nx;
            for (int x = 0; x < px; x++) {
                out[y * px + x] = map[sy + Math.floorMod(x - pad, nx)];
            }
        }
        return out;
    }

    /** Applies the high-pass window to a residual map in place. */
    private void filter(double[] r) {
        double[] c = fft.forwardReal(r);
        for (int k = 0; k < highPass.length; k++) {
            c[2 * k] *= highPass[k];
            c[2 * k + 1] *= highPass[k];
        }
        fft.inverse(c);
        for (int i = 0; i < r.length; i++) {
            r[i] = c[2 * i];
        }
    }

    @Override
    public int nx() {
        return prior.nx();
    }

    @Override
    public int ny() {
        return prior.ny();
    }

    /** Periodic extension of the tile on the low side of each axis before the network, pixels. */
    public int wrapPadding() {
        return pad;
    }

    /** Columns of the padded map the network sees. */
    public int paddedNx() {
        return px;
    }

    /** Rows of the padded map the network sees. */
    public int paddedNy() {
        return py;
    }

    /** The Gaussian part alone. */
    public GaussianPrior gaussianPart() {
        return prior;
    }

    @Override
    public void score(double[][] maps, double[] sigmas, double[][] out) {
        evaluate(maps, sigmas, out, true);
    }

    /** Writes r_θ(maps[b], sigmas[b]) alone (no Gaussian part, high-pass applied) into out[b]. */
    public void residual(double[][] maps, double[] sigmas, double[][] out) {
        evaluate(maps, sigmas, out, false);
    }

    private void evaluate(double[][] maps, double[] sigmas, double[][] out, boolean addGaussian) {
        if (maps.length != sigmas.length || maps.length != out.length) {
            throw new IllegalArgumentException("score batch: " + maps.length + " maps, " + sigmas.length + " sigmas, "
                    + out.length + " outputs; they must be equal");
        }
        int n = nx() * ny();
        int padded = px * py;
        int chunk = Math.max(1, maxPixelsPerForward / padded);
        for (int start = 0; start < maps.length; start += chunk) {
            int b = Math.min(chunk, maps.length - start);
            float[] input = new float[b * padded * NetworkConfig.INPUT_CHANNELS];
            double[] netSigma = new double[b];
            double[][] gaussian = new double[b][];
            for (int j = 0; j < b; j++) {
                double[] x = maps[start + j];
                double sigma = sigmas[start + j];
                if (x.length != n || out[start + j].length != n) {
                    throw new IllegalArgumentException("map " + (start + j) + " has " + x.length + " pixels, the tile has " + n);
                }
                if (!(sigma >= 0)) {
                    throw new IllegalArgumentException("sigma of map " + (start + j) + " is " + sigma + "; it must be >= 0");
                }
                if (!(sigma <= sigmaHi)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "sigma = %g is outside the model's trained range"
                            + " [%g, %g]; start annealing at sigma_max <= %g or retrain with a wider training.sigma range",
                            sigma, sigmaLo, sigmaHi, sigmaHi));
                }
                double s = Math.max(sigma, sigmaLo);
                netSigma[j] = s;
                double[] th = prior.score(x, s);
                encoding.encode(wrap(x), wrap(th), s, input, j);
                java.util.Arrays.fill(out[start + j], 0.0);
                if (addGaussian) {
                    gaussian[j] = s == sigma ? th : prior.score(x, sigma);
                }
            }
            float[] net = network.forward(input, b, py, px);
            for (int j = 0; j < b; j++) {
                double inv = 1.0 / netSigma[j];
                double[] o = out[start + j];
                int base = j * padded;
                for (int iy = 0; iy < ny(); iy++) {
                    int row = base + (iy + pad) * px + pad;
                    for (int ix = 0; ix < nx(); ix++) {
                        o[iy * nx() + ix] = net[row + ix] * inv; // r_θ = net / σ, the tile's own pixels
                    }
                }
                if (highPass != null) {
                    filter(o);
                }
                if (addGaussian) {
                    for (int i = 0; i < n; i++) {
                        o[i] += gaussian[j][i];
                    }
                }
            }
        }
    }
}
