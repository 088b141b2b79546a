package org.massmap.model;

import java.util.Locale;
import org.massmap.prior.GaussianPrior;
import org.massmap.sampling.ScoreFunction;

/**
 * The hybrid prior score of Remy et al. (2020), eq. 6, on one tile shape:
 * s(x, σ) = s_th,σ(x) + r_θ(x, σ), with s_th,σ = −IFFT(FFT(x)/(P + σ²)) exact and
 * r_θ(x, σ) = H·net(c(σ)Hx, c(σ)σ²s_th,σ(Hx), ln σ) / σ − F⁻¹[γ(ℓ, σ)·F x], where H is the model's
 * {@link ResidualWindow} high-pass on the tile's torus (the identity for models without one), so
 * below the window's multipole the score is the Gaussian one and r_θ stays a gradient field, and γ is
 * the network's linear part that the model removes ({@link ResidualLinearPart}; none in older models).
 *
 * <p>Maps go through the network in chunks of at most {@code maxPixelsPerForward} pixels (at least
 * one map), since large batches of large tiles run slower per map on CPU. Below the trained σ range
 * the network part is evaluated at σ_lo (r_θ(x, σ_lo)); the Gaussian part always uses the exact σ, so
 * s → s_th,0 + r_θ(x, σ_lo) as σ → 0. Above the range is an error.
 *
 * <p>Geometry: the network's convolutions are circular (see {@code UNetGraph}), so it treats the tile
 * as a torus exactly as the FFT-based Gaussian part does, and as it saw its periodic training maps.
 * The only filter is the window H, applied to input and output exactly as in the DSM loss. A tile whose sides are not multiples of the
 * network's 2^scales is extended periodically on its high sides to the next multiple before the
 * network and the output cropped back; such a tile's torus has a seam of fewer than 2^scales
 * duplicated rows/columns where the network sees a slightly different geometry than the FFT.
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
    private final ResidualWindow.Filter window;
    private final ResidualLinearPart.Filter linearPart;
    /** Sides of the (periodically extended) map the network sees. */
    private final int px;
    private final int py;

    /**
     * @param maxPixelsPerForward pixel budget of one network pass, e.g. 65536 (four 128² maps, one 360² map)
     * @param window              the residual window H on this tile ({@link ResidualWindow#filter})
     * @param linearPart          the linear part removed from the residual on this tile ({@link ResidualLinearPart#filter})
     */
    public HybridScore(ScoreNetwork network, GaussianPrior prior, InputEncoding encoding, double sigmaLo, double sigmaHi,
                       int maxPixelsPerForward, ResidualWindow.Filter window, ResidualLinearPart.Filter linearPart) {
        int m = network.config().tileMultiple();
        this.px = paddedSide(prior.nx(), m);
        this.py = paddedSide(prior.ny(), m);
        network.config().requireTileShape(py, px);
        if (maxPixelsPerForward < 1) {
            throw new IllegalArgumentException("maxPixelsPerForward must be >= 1, got " + maxPixelsPerForward);
        }
        this.network = network;
        this.prior = prior;
        this.encoding = encoding;
        this.sigmaLo = sigmaLo;
        this.sigmaHi = sigmaHi;
        this.maxPixelsPerForward = maxPixelsPerForward;
        this.window = window;
        this.linearPart = linearPart;
    }

    /** n rounded up to a multiple of m. */
    static int paddedSide(int n, int m) {
        return n + Math.floorMod(-n, m);
    }

    /** The map extended periodically to py × px on its high sides (the map itself when it already fits). */
    private double[] wrap(double[] map) {
        int nx = nx();
        int ny = ny();
        if (px == nx && py == ny) {
            return map;
        }
        double[] out = new double[px * py];
        for (int y = 0; y < py; y++) {
            int sy = (y % ny) * nx;
            for (int x = 0; x < px; x++) {
                out[y * px + x] = map[sy + x % nx];
            }
        }
        return out;
    }

    @Override
    public int nx() {
        return prior.nx();
    }

    @Override
    public int ny() {
        return prior.ny();
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

    /** Writes r_θ(maps[b], sigmas[b]) alone (no Gaussian part) into out[b]. */
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
                double[] seen = window.isIdentity() ? x : window.apply(x); // H·x
                double[] th = prior.score(seen, s);
                encoding.encode(wrap(seen), wrap(th), s, input, j);
                java.util.Arrays.fill(out[start + j], 0.0);
                if (addGaussian) {
                    gaussian[j] = s == sigma && window.isIdentity() ? th : prior.score(x, sigma);
                }
            }
            float[] net = network.forward(input, b, py, px);
            for (int j = 0; j < b; j++) {
                double inv = 1.0 / netSigma[j];
                double[] o = out[start + j];
                int base = j * padded;
                for (int iy = 0; iy < ny(); iy++) {
                    int row = base + iy * px;
                    for (int ix = 0; ix < nx(); ix++) {
                        o[iy * nx() + ix] = net[row + ix] * inv; // net / σ, the tile's own pixels
                    }
                }
                if (!window.isIdentity()) {
                    System.arraycopy(window.apply(o), 0, o, 0, n); // H·net / σ
                }
                linearPart.subtractFrom(o, maps[start + j], netSigma[j]); // r_θ = H·net / σ − γ·x
                if (addGaussian) {
                    for (int i = 0; i < n; i++) {
                        o[i] += gaussian[j][i];
                    }
                }
            }
        }
    }
}
