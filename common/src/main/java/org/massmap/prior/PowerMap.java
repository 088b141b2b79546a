package org.massmap.prior;

import java.util.function.DoubleUnaryOperator;
import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;

/**
 * The diagonal Fourier-space covariance of a Gaussian convergence field on a periodic tile:
 * P[k] = C_ℓ(ℓ = 2π|k|/Δ) / Δ², per FFT index (row-major ny×nx, numpy fftfreq order), so that
 * κ = IFFT(√P · FFT(w)) with white unit-variance w has angular power spectrum C_ℓ.
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
     * Builds the power map of a grid from an angular power spectrum.
     *
     * @param cl C_ℓ as a function of multipole ℓ (dimensionless), called for 2π|k|/Δ up to ≈ 2π·0.707/Δ
     */
    public static PowerMap fromCl(TileGrid grid, DoubleUnaryOperator cl) {
        int nx = grid.nx();
        int ny = grid.ny();
        double delta = grid.pixelRad();
        double[] p = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            double ky = Fft2.freq(iy, ny);
            for (int ix = 0; ix < nx; ix++) {
                if (ix == 0 && iy == 0) {
                    continue;
                }
                double kx = Fft2.freq(ix, nx);
                double ell = 2 * Math.PI * Math.sqrt(kx * kx + ky * ky) / delta;
                double c = cl.applyAsDouble(ell);
                if (!(c > 0) || !Double.isFinite(c)) {
                    throw new IllegalArgumentException("C_ell must be positive and finite at every multipole of the grid; got "
                            + c + " at ell=" + Math.round(ell));
                }
                p[iy * nx + ix] = c / (delta * delta);
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
