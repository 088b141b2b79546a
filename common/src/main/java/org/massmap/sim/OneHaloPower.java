package org.massmap.sim;

import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;

/**
 * The expected per-mode power of a {@link HaloModel}'s halos as {@link HaloRenderer} draws them on a
 * periodic grid, in the {@code PowerMap} normalisation (E|FFT κ|² = N_pix·P):
 *
 * <pre>
 *   P_1h[k] = Σ_cells λ_cell · E|FFT(h)|²[k],
 * </pre>
 *
 * λ_cell the cell's expected number of halos per pixel (per steradian × Δ²) and h one halo of the
 * cell rendered with periodic wrap-around. Halo positions are independent and uniform over the
 * torus, so for k ≠ 0 the cross terms between halos vanish and the number's Poisson variance adds
 * nothing. The expectation E is over the {@value HaloModel#SUBPIXEL}² sub-pixel positions a halo can
 * take ({@link HaloModel#draw}), each rendered once: this is the exact expected power of the halo
 * component as drawn and rendered, aliasing, pixel averaging and wrap-around included.
 *
 * <p>Computed through autocorrelations: |FFT(h)|² = FFT(R), R the circular autocorrelation of the
 * wrapped image, which is the linear autocorrelation of the unwrapped stamp folded onto the grid. A
 * stamp's autocorrelation is computed with a small zero-padded FFT, the weighted sum is folded onto
 * the grid and transformed once, so the cost grows with the stamps' areas, not with the grid's; a
 * stamp whose padded size exceeds the grid is instead wrapped onto the grid and its |FFT|² added
 * directly.
 */
public final class OneHaloPower {
    private OneHaloPower() {
    }

    /** P_1h per Fourier index of {@code grid} (row-major; entry 0, the mean, is the squared mean per pixel and unused). */
    public static double[] compute(TileGrid grid, HaloModel model) {
        return compute(grid, model, new HaloStamps(model, grid));
    }

    /** As {@link #compute(TileGrid, HaloModel)} with the model's stamps at the grid's pixel size. */
    static double[] compute(TileGrid grid, HaloModel model, HaloStamps stamps) {
        int nx = grid.nx();
        int ny = grid.ny();
        double pixelSr = grid.pixelRad() * grid.pixelRad();
        double[] r = new double[2 * nx * ny];
        double[] direct = new double[nx * ny];
        Fft2 gridFft = new Fft2(nx, ny);
        java.util.Map<Long, Fft2> plans = new java.util.HashMap<>();
        int m = HaloModel.SUBPIXEL;
        for (int ci = 0; ci < model.cells().size(); ci++) {
            double weight = model.cells().get(ci).perSteradian() * pixelSr / (m * m); // λ per pixel, per sub-pixel position
            for (int oy = 0; oy < m; oy++) {
                for (int ox = 0; ox < m; ox++) {
                    HaloRenderer.Stamp s = stamps.get(ci, ox, oy);
                    if ((long) fastSize(2 * s.width() - 1) * fastSize(2 * s.height() - 1) < (long) nx * ny) {
                        addAutocorrelation(s, weight, r, nx, ny, plans);
                    } else {
                        addWrappedPower(s, weight, direct, gridFft);
                    }
                }
            }
        }
        gridFft.forward(r); // FFT of the summed autocorrelation = Σ λ E|FFT h|²
        double[] p = Fft2.real(r);
        for (int i = 0; i < p.length; i++) {
            p[i] += direct[i];
        }
        return p;
    }

    /** Adds weight × |FFT|² of the stamp wrapped onto the grid to {@code power}. */
    private static void addWrappedPower(HaloRenderer.Stamp s, double weight, double[] power, Fft2 fft) {
        int nx = fft.nx();
        int ny = fft.ny();
        double[] c = new double[2 * nx * ny];
        for (int j = 0; j < s.height(); j++) {
            int row = Math.floorMod(s.y0() + j, ny) * nx;
            for (int i = 0; i < s.width(); i++) {
                c[2 * (row + Math.floorMod(s.x0() + i, nx))] += s.values()[j * s.width() + i];
            }
        }
        fft.forward(c);
        for (int i = 0; i < power.length; i++) {
            power[i] += weight * (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]);
        }
    }

    /** Adds weight × the stamp's linear autocorrelation, folded onto the nx×ny torus, to r (interleaved complex). */
    private static void addAutocorrelation(HaloRenderer.Stamp s, double weight, double[] r, int nx, int ny,
            java.util.Map<Long, Fft2> plans) {
        int w = s.width();
        int h = s.height();
        int lx = fastSize(2 * w - 1);
        int ly = fastSize(2 * h - 1);
        Fft2 fft = plans.computeIfAbsent(((long) lx << 32) | ly, key -> new Fft2(lx, ly));
        double[] c = new double[2 * lx * ly];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                c[2 * (j * lx + i)] = s.values()[j * w + i];
            }
        }
        fft.forward(c);
        for (int i = 0; i < lx * ly; i++) {
            c[2 * i] = c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]; // |F|²
            c[2 * i + 1] = 0;
        }
        fft.inverse(c); // linear autocorrelation at lags (dx mod lx, dy mod ly), |dx| < w, |dy| < h
        for (int dy = -(h - 1); dy < h; dy++) {
            int ry = Math.floorMod(dy, ly);
            int gy = Math.floorMod(dy, ny);
            for (int dx = -(w - 1); dx < w; dx++) {
                int rx = Math.floorMod(dx, lx);
                int gx = Math.floorMod(dx, nx);
                r[2 * (gy * nx + gx)] += weight * c[2 * (ry * lx + rx)];
            }
        }
    }

    /** Smallest n ≥ min of the form 2^a 3^b 5^c (fast for JTransforms). */
    static int fastSize(int min) {
        for (int n = Math.max(1, min);; n++) {
            int r = n;
            for (int f : new int[] {2, 3, 5}) {
                while (r % f == 0) {
                    r /= f;
                }
            }
            if (r == 1) {
                return n;
            }
        }
    }
}
