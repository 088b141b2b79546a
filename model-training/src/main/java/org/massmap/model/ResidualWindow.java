package org.massmap.model;

import org.massmap.fft.Fft2;

/**
 * Restricts the learned residual of the hybrid prior to small scales, in multipoles, while keeping it
 * a gradient field. With the high-pass H(ℓ) = 1 − exp(−(ℓ_x² + ℓ_y²) / (2L²)) on the tile's torus,
 * the residual is r(x, σ) = H·N(H·x, σ), where N is the network (its inputs are the high-passed map
 * and the theory score of the high-passed map). If N = ∇φ then r = ∇_x φ(H·x), since H is a real,
 * symmetric Fourier filter: the hybrid score stays the gradient of a log density, and below L it is
 * the Gaussian score alone (H(L) = 0.39, H(2L) = 0.86, H(3L) = 0.99; H(L/2) = 0.12, H(L/4) = 0.03).
 * Training uses the same composition in its DSM loss (output filtered inside the graph, input
 * filtered before it), so the network is trained exactly as it is used.
 *
 * <p>The low-pass exp(−ℓ²/(2L²)) separates into one factor per axis, so on an n-pixel axis it is
 * the n×n symmetric circulant matrix {@link #lowPassMatrix} (what the training graph multiplies by)
 * and on a whole tile the per-mode factor of {@link #filter} (an FFT, what sampling applies); the two
 * are the same linear map.
 *
 * @param ell L, the multipole where the high-pass reaches 1 − e^{−1/2}; 0 means no restriction (the
 *            network acts at every ℓ: models written before the window existed)
 */
public record ResidualWindow(double ell) {
    /** No restriction (H = 1). */
    public static final ResidualWindow NONE = new ResidualWindow(0);

    public ResidualWindow {
        if (!(ell >= 0) || !Double.isFinite(ell)) {
            throw new IllegalArgumentException("training.residual-high-pass-ell must be >= 0 (0 = none), got " + ell);
        }
    }

    /** Whether the residual is restricted (L > 0). */
    public boolean restricts() {
        return ell > 0;
    }

    /** The one-axis low-pass factor exp(−ℓ_axis²/(2L²)) at frequency index i of an n-pixel axis. */
    double axisLowPass(int i, int n, double pixelRad) {
        if (!restricts()) {
            return 0;
        }
        double l = 2 * Math.PI * Fft2.freq(i, n) / pixelRad;
        return Math.exp(-l * l / (2 * ell * ell));
    }

    /**
     * The one-axis low-pass as an n×n row-major matrix G (symmetric circulant, G = F⁻¹ diag(g) F), so
     * that a map Y (rows y, columns x) low-passed on both axes is G·Y·G (square maps); all zeros when
     * there is no restriction.
     *
     * @param pixelRad pixel side in radians
     */
    public float[] lowPassMatrix(int n, double pixelRad) {
        double[] c = new double[n];
        for (int d = 0; d < n; d++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                s += axisLowPass(k, n, pixelRad) * Math.cos(2 * Math.PI * (double) k * d / n);
            }
            c[d] = s / n;
        }
        float[] g = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int col = 0; col < n; col++) {
                g[r * n + col] = (float) c[Math.floorMod(r - col, n)];
            }
        }
        return g;
    }

    /** The high-pass H on an ny × nx tile of the given pixel side (radians), by FFT. */
    public Filter filter(int ny, int nx, double pixelRad) {
        return new Filter(this, ny, nx, pixelRad);
    }

    /** H on one tile shape. Thread-safe (the FFT keeps one plan per thread). */
    public static final class Filter {
        private final int nx;
        private final int ny;
        private final double[] gain;
        private final Fft2 fft;
        private final boolean identity;

        private Filter(ResidualWindow window, int ny, int nx, double pixelRad) {
            this.nx = nx;
            this.ny = ny;
            this.identity = !window.restricts();
            this.fft = identity ? null : new Fft2(nx, ny);
            this.gain = new double[nx * ny];
            for (int iy = 0; iy < ny; iy++) {
                double gy = window.axisLowPass(iy, ny, pixelRad);
                for (int ix = 0; ix < nx; ix++) {
                    gain[iy * nx + ix] = 1 - gy * window.axisLowPass(ix, nx, pixelRad);
                }
            }
        }

        /** H·map as a new array (a copy of the map when there is no restriction). */
        public double[] apply(double[] map) {
            if (map.length != nx * ny) {
                throw new IllegalArgumentException("map has " + map.length + " pixels, the filter " + ny + "x" + nx);
            }
            if (identity) {
                return map.clone();
            }
            double[] out = new double[map.length];
            fft.filterReal(map, gain, new double[2 * map.length], out);
            return out;
        }

        /** Modes of the grid, nx·ny. */
        public int size() {
            return nx * ny;
        }

        /** Whether H is the identity (no restriction). */
        public boolean isIdentity() {
            return identity;
        }

        /** The gain H(ℓ) of Fourier mode {@code mode} = iy·nx + ix (1 everywhere for the identity). */
        public double gainAt(int mode) {
            return identity ? 1.0 : gain[mode];
        }

        /** The gain H(ℓ) of Fourier mode (iy, ix). */
        public double gain(int iy, int ix) {
            return gain[iy * nx + ix];
        }
    }
}
