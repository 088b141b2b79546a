package org.massmap.prior;

import java.util.function.DoubleUnaryOperator;
import org.massmap.grid.TileGrid;

/**
 * The diagonal Fourier-space covariance of a Gaussian convergence field on a periodic tile, per FFT
 * index (row-major ny×nx, numpy fftfreq order), such that κ = IFFT(√P · FFT(w)) with white
 * unit-variance w has E|FFT(κ)_k|² = N_pix·P[k].
 *
 * <p>A pixel value is the pixel <em>average</em> of κ, so {@link #fromCl} gives the aliased,
 * pixel-windowed theory power of {@link PixelWindow}: P[k] = Σ_n C_ℓ(2π|k+n|/Δ) sinc²(π(k_x+n_x))
 * sinc²(π(k_y+n_y))/Δ², which tends to C_ℓ(2π|k|/Δ)/Δ² as k → 0. Every consumer (Gaussian prior,
 * Wiener filter, the hybrid prior's Gaussian part, mocks, training maps) builds its map here, so all
 * agree on what a pixel value is.
 *
 * <p>k = 0: the mean of κ is not measurable (mass-sheet degeneracy) and every map in this project
 * has zero mean, so P[0] is stored as 0 and every operator built on this map treats the k = 0
 * mode as fixed at zero (no score, no draw). Immutable after construction.
 */
public final class PowerMap {
    private final int nx;
    private final int ny;
    private final double[] power;

    private PowerMap(int nx, int ny, double[] power) {
        this.nx = nx;
        this.ny = ny;
        this.power = power;
    }

    /**
     * The pixel-averaged power map of a grid from an angular power spectrum ({@link PixelWindow}).
     * P depends on |k_x| and |k_y| only, so C_ℓ is summed once per folded mode.
     *
     * @param cl C_ℓ as a function of multipole ℓ (dimensionless), called for ℓ up to
     *           {@link PixelWindow#maxEll}(Δ, {@link PixelWindow#ALIAS_ORDER}) (1.07×10⁵ at 1′)
     * @throws IllegalArgumentException if the windowed C_ℓ is not positive and finite at a mode
     */
    public static PowerMap fromCl(TileGrid grid, DoubleUnaryOperator cl) {
        int nx = grid.nx();
        int ny = grid.ny();
        double delta = grid.pixelRad();
        int hx = nx / 2 + 1;
        int hy = ny / 2 + 1;
        double[] folded = new double[hx * hy];
        for (int jy = 0; jy < hy; jy++) {
            for (int jx = 0; jx < hx; jx++) {
                if (jx == 0 && jy == 0) {
                    continue;
                }
                double kx = jx / (double) nx;
                double ky = jy / (double) ny;
                double c = PixelWindow.windowedCl(kx, ky, delta, cl);
                if (!(c > 0) || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("C_ell must be positive and finite at every multipole of the grid; got "
                            + c + " (pixel-windowed) at ell=" + Math.round(2 * Math.PI * Math.hypot(kx, ky) / delta));
                }
                folded[jy * hx + jx] = c / (delta * delta);
            }
        }
        double[] p = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            int jy = Math.min(iy, ny - iy);
            for (int ix = 0; ix < nx; ix++) {
                p[iy * nx + ix] = folded[jy * hx + Math.min(ix, nx - ix)];
            }
        }
        return new PowerMap(nx, ny, p);
    }

    /** A power map given directly per Fourier index (length nx·ny; entry 0 is ignored). */
    public static PowerMap of(int nx, int ny, double[] perMode) {
        if (perMode.length != nx * ny) {
            throw new IllegalArgumentException("power map needs " + nx * ny + " entries, got " + perMode.length);
        }
        double[] p = perMode.clone();
        p[0] = 0;
        for (int i = 1; i < p.length; i++) {
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("power must be positive and finite at every non-zero mode; index " + i + " has " + p[i]);
            }
        }
        return new PowerMap(nx, ny, p);
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** P at Fourier index i (0 at k = 0). */
    public double at(int i) {
        return power[i];
    }

    /** A copy of the whole map. */
    public double[] toArray() {
        return power.clone();
    }

    /** Per-pixel variance of the field, (1/N²)·Σ_k N·P[k] = mean of P over modes. */
    public double pixelVariance() {
        double s = 0;
        for (double p : power) {
            s += p;
        }
        return s / power.length;
    }
}
