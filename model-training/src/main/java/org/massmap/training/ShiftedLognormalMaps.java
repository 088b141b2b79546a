package org.massmap.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.massmap.fft.Fft2;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.model.PowerSpectrumTable;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.stats.MeanRemoval;

/**
 * Shifted-lognormal convergence maps on a periodic n×n grid, a stand-in simulator with a
 * non-Gaussian one-point distribution (heavy positive tail, floor at −λ):
 * κ = λ(exp(g − var_g/2) − 1) − mean, with g a zero-mean Gaussian field of power C_ℓ^g and var_g its
 * per-pixel variance. The exact power spectrum of κ on this grid follows from the correlation
 * functions, ξ_κ = λ²(exp ξ_g − 1), and {@link #theoryCl()} returns it binned in |ℓ|, to serve as the
 * Gaussian theory part of the hybrid prior: the network then has to learn only the non-Gaussianity.
 *
 * <p>Until the project's simulator package exists this is the built-in non-Gaussian source for tests,
 * demos and benchmarks.
 */
public final class ShiftedLognormalMaps extends SquareTrainingMaps {
    private final double lambda;
    private final PowerMap gaussianPower;
    private final GaussianFieldGenerator generator;
    private final double varG;

    /**
     * @param n          map side, pixels
     * @param gaussianCl C_ℓ of the underlying Gaussian field g
     * @param lambda     the shift λ (> 0): the lower bound of κ before mean subtraction
     */
    public ShiftedLognormalMaps(int n, double pixelArcmin, PowerSpectrumTable gaussianCl, double lambda) {
        super(n, pixelArcmin);
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("lognormal shift lambda must be positive, got " + lambda);
        }
        this.lambda = lambda;
        this.gaussianPower = gaussianCl.powerMap(grid());
        this.generator = new GaussianFieldGenerator(gaussianPower);
        this.varG = gaussianPower.pixelVariance();
    }

    /**
     * A toy configuration, defined per pixel so it is the same at any pixel size: g has power
     * ∝ exp(−(k/0.25)²)/(k² + 0.05²) (k in cycles per pixel, correlation length of a few pixels),
     * var_g = 0.7 and λ = 0.02, so κ has rms ≈ 0.02 and skewness ≈ 3.
     */
    public static ShiftedLognormalMaps toy(int n, double pixelArcmin) {
        return new ShiftedLognormalMaps(n, pixelArcmin, toyGaussianCl(n, pixelArcmin, 0.7), 0.02);
    }

    /** The C_ℓ of the toy g, normalised to per-pixel variance varG on an n×n grid. */
    static PowerSpectrumTable toyGaussianCl(int n, double pixelArcmin, double varG) {
        double delta = pixelArcmin * TileGrid.ARCMIN;
        int nodes = 64;
        double kLo = 0.25 / n;
        double kHi = 1.0;
        double[] ell = new double[nodes];
        double[] cl = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            double k = kLo * Math.pow(kHi / kLo, i / (nodes - 1.0));
            ell[i] = 2 * Math.PI * k / delta;
            cl[i] = Math.exp(-(k / 0.25) * (k / 0.25)) / (k * k + 0.05 * 0.05) * delta * delta;
        }
        PowerSpectrumTable raw = new PowerSpectrumTable(ell, cl);
        double v = raw.powerMap(TileGrid.square(n, pixelArcmin, new SkyPoint(0, 0))).pixelVariance();
        for (int i = 0; i < nodes; i++) {
            cl[i] *= varG / v;
        }
        return new PowerSpectrumTable(ell, cl);
    }

    /** Per-pixel standard deviation of κ, λ√(exp(var_g) − 1). */
    public double pixelRms() {
        return lambda * Math.sqrt(Math.expm1(varG));
    }

    @Override
    public double[] next(Random rng) {
        double[] g = generator.draw(rng);
        for (int i = 0; i < g.length; i++) {
            g[i] = lambda * Math.expm1(g[i] - 0.5 * varG); // κ = λ(exp(g − var_g/2) − 1)
        }
        MeanRemoval.removeMean(g);
        return g;
    }

    /** The power spectrum of κ on this grid, averaged over modes in rings of width 1/n cycles per pixel. */
    public PowerSpectrumTable theoryCl() {
        int n = nx();
        int size = n * n;
        Fft2 fft = new Fft2(n, n);
        double[] c = new double[2 * size];
        for (int i = 0; i < size; i++) {
            c[2 * i] = gaussianPower.at(i);
        }
        fft.inverse(c); // ξ_g = IFFT(P_g)
        for (int i = 0; i < size; i++) {
            c[2 * i] = lambda * lambda * Math.expm1(c[2 * i]); // ξ_κ = λ²(exp ξ_g − 1)
            c[2 * i + 1] = 0;
        }
        fft.forward(c); // P_κ = FFT(ξ_κ)
        double delta = pixelArcmin() * TileGrid.ARCMIN;
        int rings = (int) Math.ceil(n / Math.sqrt(2)) + 1;
        double[] sumEll = new double[rings + 1];
        double[] sumCl = new double[rings + 1];
        int[] count = new int[rings + 1];
        for (int iy = 0; iy < n; iy++) {
            for (int ix = 0; ix < n; ix++) {
                double k = Math.hypot(Fft2.freq(ix, n), Fft2.freq(iy, n));
                int r = (int) Math.round(k * n);
                if (r == 0) {
                    continue;
                }
                sumEll[r] += 2 * Math.PI * k / delta;
                sumCl[r] += c[2 * (iy * n + ix)] * delta * delta;
                count[r]++;
            }
        }
        List<double[]> nodes = new ArrayList<>();
        for (int r = 1; r <= rings; r++) {
            if (count[r] > 0) {
                nodes.add(new double[] {sumEll[r] / count[r], sumCl[r] / count[r]});
            }
        }
        double[] ell = new double[nodes.size()];
        double[] cl = new double[nodes.size()];
        for (int i = 0; i < ell.length; i++) {
            ell[i] = nodes.get(i)[0];
            cl[i] = nodes.get(i)[1];
        }
        return new PowerSpectrumTable(ell, cl);
    }
}
