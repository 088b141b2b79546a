package org.massmap.model;

import java.util.Locale;
import org.massmap.prior.GaussianPrior;
import org.massmap.sampling.SpectralScore;

/**
 * The hybrid prior score of Remy et al. (2020), eq. 6, on one tile shape:
 * s(x, σ) = s_th,σ(x) + r_θ(x, σ), with s_th,σ = −IFFT(FFT(x)/(P + σ²)) exact and
 * r_θ(x, σ) = H·W·net(c(σ)Hx, c(σ)σ²s_th,σ(Hx), ln σ) / σ − F⁻¹[γ(ℓ, σ)·F x], W = 1 or the Wiener
 * amplitude σ/√(P + σ²) per mode ({@link ResidualScaling}), where H is the model's
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
public final class HybridScore implements SpectralScore {
    private final ScoreNetwork network;
    private final GaussianPrior prior;
    private final InputEncoding encoding;
    private final double sigmaLo;
    private final double sigmaHi;
    private final int maxPixelsPerForward;
    private final ResidualWindow.Filter window;
    private final ResidualLinearPart.Filter linearPart;
    private final ResidualScaling scaling;
    /** Sides of the (periodically extended) map the network sees. */
    private final int px;
    private final int py;

    /**
     * @param maxPixelsPerForward pixel budget of one network pass, e.g. 65536 (four 128² maps, one 360² map)
     * @param window              the residual window H on this tile ({@link ResidualWindow#filter})
     * @param linearPart          the linear part removed from the residual on this tile ({@link ResidualLinearPart#filter})
     * @param scaling             how the network's output becomes the residual ({@link ResidualScaling})
     */
    public HybridScore(ScoreNetwork network, GaussianPrior prior, InputEncoding encoding, double sigmaLo, double sigmaHi,
                       int maxPixelsPerForward, ResidualWindow.Filter window, ResidualLinearPart.Filter linearPart,
                       ResidualScaling scaling) {
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
        this.scaling = scaling;
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

    @Override
    public void addScoreSpectra(double[][] maps, double[][] mapSpectra, double[] sigmas, double[][] targets) {
        addSpectra(maps, mapSpectra, sigmas, targets, true);
    }

    /** Transforms the maps, adds the score's spectra, transforms back (each map on its own). */
    private void evaluate(double[][] maps, double[] sigmas, double[][] out, boolean addGaussian) {
        if (maps.length != sigmas.length || maps.length != out.length) {
            throw new IllegalArgumentException("score batch: " + maps.length + " maps, " + sigmas.length + " sigmas, "
                    + out.length + " outputs; they must be equal");
        }
        int n = nx() * ny();
        for (int j = 0; j < maps.length; j++) {
            if (out[j].length != n) {
                throw new IllegalArgumentException("output " + j + " has " + out[j].length + " pixels, the tile has " + n);
            }
        }
        double[][] spectra = new double[maps.length][2 * n];
        for (int j = 0; j < maps.length; j++) {
            prior.fft().forwardReal(maps[j], spectra[j]);
        }
        double[][] targets = new double[maps.length][2 * n];
        addSpectra(maps, spectra, sigmas, targets, addGaussian);
        for (int j = 0; j < maps.length; j++) {
            prior.fft().inverseToReal(targets[j], out[j]);
        }
    }

    /**
     * Adds to targets[b] the spectrum of r_θ(maps[b]) (and of the Gaussian score when asked), in
     * chunks of at most {@code maxPixelsPerForward} network pixels: per map one inverse transform for
     * both of the network's map inputs and one real-input forward transform of its output.
     */
    private void addSpectra(double[][] maps, double[][] spectra, double[] sigmas, double[][] targets, boolean addGaussian) {
        if (maps.length != sigmas.length || maps.length != targets.length || maps.length != spectra.length) {
            throw new IllegalArgumentException("score batch: " + maps.length + " maps, " + sigmas.length + " sigmas, "
                    + targets.length + " outputs; they must be equal");
        }
        int n = nx() * ny();
        int padded = px * py;
        int chunk = Math.max(1, maxPixelsPerForward / padded);
        double[] seen = new double[n];
        double[] th = new double[n];
        for (int start = 0; start < maps.length; start += chunk) {
            int b = Math.min(chunk, maps.length - start);
            double[] netSigma = new double[b];
            float[] input = new float[b * padded * NetworkConfig.INPUT_CHANNELS];
            for (int j = 0; j < b; j++) {
                netSigma[j] = checkedNetworkSigma(maps[start + j], sigmas[start + j], start + j);
                networkInputs(spectra[start + j], netSigma[j], seen, th);
                encoding.encode(wrap(seen), wrap(th), netSigma[j], input, j);
            }
            float[] net = network.forward(input, b, py, px);
            double[][] residuals = new double[b][n];
            for (int j = 0; j < b; j++) {
                double inv = 1.0 / netSigma[j];
                double[] o = residuals[j];
                int base = j * padded;
                for (int iy = 0; iy < ny(); iy++) {
                    int row = base + iy * px;
                    for (int ix = 0; ix < nx(); ix++) {
                        o[iy * nx() + ix] = net[row + ix] * inv; // net / σ, the tile's own pixels
                    }
                }
            }
            addCombined(residuals, spectra, netSigma, sigmas, start, addGaussian, targets);
        }
    }

    /** Validates one map and its σ, and returns the σ the network sees (σ floored at σ_lo). */
    private double checkedNetworkSigma(double[] x, double sigma, int index) {
        int n = nx() * ny();
        if (x.length != n) {
            throw new IllegalArgumentException("map " + index + " has " + x.length + " pixels, the tile has " + n);
        }
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma of map " + index + " is " + sigma + "; it must be >= 0");
        }
        if (!(sigma <= sigmaHi)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "sigma = %g is outside the model's trained range"
                    + " [%g, %g]; start annealing at sigma_max <= %g or retrain with a wider training.sigma range",
                    sigma, sigmaLo, sigmaHi, sigmaHi));
        }
        return Math.max(sigma, sigmaLo);
    }

    /**
     * The network's two map inputs from the spectrum X of x, with one inverse transform: H·x and
     * s_th,s(H·x) = −F⁻¹[H·X/(P + s²)].
     */
    private void networkInputs(double[] spectrum, double s, double[] seen, double[] th) {
        double[] hx = new double[spectrum.length];
        for (int i = 0; i < spectrum.length / 2; i++) {
            double h = window.gainAt(i);
            hx[2 * i] = h * spectrum[2 * i];
            hx[2 * i + 1] = h * spectrum[2 * i + 1];
        }
        double[] sth = new double[spectrum.length];
        prior.addFilteredSpectrum(hx, s, -1.0, sth); // the Gaussian score's spectrum, k = 0 left at 0
        prior.fft().inverseRealPair(hx, sth, seen, th);
    }

    /**
     * targets += H·F(net/σ) − γ(ℓ, σ_net)·X − (addGaussian ? X/(P + σ²) : 0): the window on the
     * network's output, the removed linear part and the Gaussian score combined in Fourier space.
     */
    private void addCombined(double[][] residuals, double[][] spectra, double[] netSigma, double[] sigmas, int start,
                             boolean addGaussian, double[][] targets) {
        int n = nx() * ny();
        double[] spectrum = new double[2 * n];
        for (int j = 0; j < residuals.length; j++) {
            prior.fft().forwardReal(residuals[j], spectrum);
            combine(spectrum, spectra[start + j], netSigma[j], sigmas[start + j], addGaussian);
            add(spectrum, targets[start + j]);
        }
    }

    private static void add(double[] term, double[] target) {
        for (int i = 0; i < term.length; i++) {
            target[i] += term[i];
        }
    }

    private void combine(double[] netSpectrum, double[] mapSpectrum, double sNet, double sigma, boolean addGaussian) {
        int modes = netSpectrum.length / 2;
        double[] gamma = linearPart.modeGains(sNet);
        for (int i = 0; i < modes; i++) {
            double h = window.gainAt(i) * scaling.gain(prior.power().at(i), sNet);
            netSpectrum[2 * i] *= h;
            netSpectrum[2 * i + 1] *= h;
            if (gamma != null) {
                netSpectrum[2 * i] -= gamma[i] * mapSpectrum[2 * i];
                netSpectrum[2 * i + 1] -= gamma[i] * mapSpectrum[2 * i + 1];
            }
        }
        if (addGaussian) {
            prior.addFilteredSpectrum(mapSpectrum, sigma, -1.0, netSpectrum);
        }
    }
}
