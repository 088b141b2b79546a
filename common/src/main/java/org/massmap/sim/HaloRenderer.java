package org.massmap.sim;

import java.util.List;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;

/**
 * Adds halos' convergence to a map of a tile. Each pixel gets the pixel average of the projected
 * NFW profile (a pixel value is a pixel average), approximated by the mean over s×s sub-pixel points:
 * s = 5 for pixels whose centre lies within 2.5 pixels of the halo's (the profile has an integrable
 * logarithmic cusp; points closer than 1% of a pixel to the centre are moved out to that distance),
 * s = 3 within 6 pixels, else s = 1 (the midpoint rule's relative error there, ≈ ∇²κ/(24κ) per pixel²,
 * is below 0.1%). Two boundaries: {@link Boundary#CLIPPED} drops what falls
 * outside the grid; {@link Boundary#PERIODIC} wraps it around, for fields that are tori (training
 * maps, a mock's periodic field): a halo then contributes all of its convergence, however close to
 * an edge or however large. Pure functions of their inputs.
 */
public final class HaloRenderer {
    private static final int SUBSAMPLES = 5;
    private static final double FINE_RADIUS = 2.5;
    private static final double MEDIUM_RADIUS = 6;

    /** What happens to the part of a halo beyond the grid's edge. */
    public enum Boundary {
        /** Dropped (a tile cut out of the sky). */
        CLIPPED,
        /** Wrapped around (a periodic field). */
        PERIODIC
    }

    /**
     * A halo's pixel averages on the unwrapped pixel lattice: pixel (x0 + i, y0 + j) has value
     * {@code values[j·width + i]}; pixel (x, y) covers [x − ½, x + ½) × [y − ½, y + ½) in grid pixel
     * coordinates.
     */
    public record Stamp(int x0, int y0, int width, int height, double[] values) {
    }

    private HaloRenderer() {
    }

    /** Adds every halo to {@code kappa} (row-major map of {@code grid}) in place, dropping what falls outside. */
    public static void add(TileGrid grid, List<Halo> halos, double[] kappa) {
        add(grid, halos, kappa, Boundary.CLIPPED);
    }

    /** Adds every halo to {@code kappa} (row-major map of {@code grid}) in place. */
    public static void add(TileGrid grid, List<Halo> halos, double[] kappa, Boundary boundary) {
        TangentPlane plane = grid.tangentPlane();
        double[] xy = new double[2];
        int nx = grid.nx();
        int ny = grid.ny();
        for (Halo h : halos) {
            if (!plane.project(h.position().raDeg(), h.position().decDeg(), xy)) {
                continue;
            }
            Stamp s = boundary == Boundary.PERIODIC ? stamp(h.profile(), grid.pixelRad(), grid.xOf(xy[0]), grid.yOf(xy[1]))
                    : stamp(h.profile(), grid.pixelRad(), grid.xOf(xy[0]), grid.yOf(xy[1]), nx, ny);
            for (int j = 0; j < s.height(); j++) {
                int iy = s.y0() + j;
                if (boundary == Boundary.PERIODIC) {
                    iy = Math.floorMod(iy, ny);
                } else if (iy < 0 || iy >= ny) {
                    continue;
                }
                for (int i = 0; i < s.width(); i++) {
                    int ix = s.x0() + i;
                    if (boundary == Boundary.PERIODIC) {
                        ix = Math.floorMod(ix, nx);
                    } else if (ix < 0 || ix >= nx) {
                        continue;
                    }
                    kappa[iy * nx + ix] += s.values()[j * s.width() + i];
                }
            }
        }
    }

    /**
     * The pixel averages of one halo centred at continuous pixel coordinates (cx, cy), over every
     * pixel its truncation radius touches.
     *
     * @param pixelRad pixel side, radians
     */
    public static Stamp stamp(NfwProfile p, double pixelRad, double cx, double cy) {
        return stamp(p, pixelRad, cx, cy, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** As {@link #stamp(NfwProfile, double, double, double)}, restricted to the pixels of an nx×ny grid (possibly empty). */
    private static Stamp stamp(NfwProfile p, double pixelRad, double cx, double cy, int nx, int ny) {
        double reach = p.thetaSRad() * p.truncation() / pixelRad + 1;
        boolean clip = nx != Integer.MAX_VALUE;
        int x0 = (int) (clip ? Math.max(0, Math.floor(cx - reach)) : Math.floor(cx - reach));
        int x1 = (int) (clip ? Math.min(nx - 1, Math.ceil(cx + reach)) : Math.ceil(cx + reach));
        int y0 = (int) (clip ? Math.max(0, Math.floor(cy - reach)) : Math.floor(cy - reach));
        int y1 = (int) (clip ? Math.min(ny - 1, Math.ceil(cy + reach)) : Math.ceil(cy + reach));
        int w = Math.max(0, x1 - x0 + 1);
        int h = Math.max(0, y1 - y0 + 1);
        double[] v = new double[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                v[j * w + i] = pixelAverage(p, x0 + i - cx, y0 + j - cy, pixelRad);
            }
        }
        return new Stamp(x0, y0, w, h, v);
    }

    private static double pixelAverage(NfwProfile p, double dx, double dy, double pix) {
        double r = Math.hypot(dx, dy);
        int n = r < FINE_RADIUS ? SUBSAMPLES : r < MEDIUM_RADIUS ? 3 : 1;
        if (n == 1) {
            return p.kappa(r * pix);
        }
        double sum = 0;
        for (int sy = 0; sy < n; sy++) {
            for (int sx = 0; sx < n; sx++) {
                double ox = dx + (sx + 0.5) / n - 0.5;
                double oy = dy + (sy + 0.5) / n - 0.5;
                sum += p.kappa(Math.max(Math.hypot(ox, oy), 0.01) * pix);
            }
        }
        return sum / (n * n);
    }
}
