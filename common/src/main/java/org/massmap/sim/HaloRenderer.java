package org.massmap.sim;

import java.util.List;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;

/**
 * Adds halos' convergence to a map of a tile, averaging each pixel over sub-pixel samples near the
 * halo centre (the NFW convergence has an integrable logarithmic cusp). Pure function of its inputs.
 */
public final class HaloRenderer {
    private static final int SUBSAMPLES = 5;

    private HaloRenderer() {
    }

    /** Adds every halo to {@code kappa} (row-major map of {@code grid}) in place. */
    public static void add(TileGrid grid, List<Halo> halos, double[] kappa) {
        TangentPlane plane = grid.tangentPlane();
        double[] xy = new double[2];
        double pix = grid.pixelRad();
        for (Halo h : halos) {
            if (!plane.project(h.position().raDeg(), h.position().decDeg(), xy)) {
                continue;
            }
            double cx = grid.xOf(xy[0]);
            double cy = grid.yOf(xy[1]);
            NfwProfile p = h.profile();
            double reach = p.thetaSRad() * p.truncation() / pix + 1;
            int x0 = (int) Math.max(0, Math.floor(cx - reach));
            int x1 = (int) Math.min(grid.nx() - 1, Math.ceil(cx + reach));
            int y0 = (int) Math.max(0, Math.floor(cy - reach));
            int y1 = (int) Math.min(grid.ny() - 1, Math.ceil(cy + reach));
            for (int iy = y0; iy <= y1; iy++) {
                for (int ix = x0; ix <= x1; ix++) {
                    kappa[iy * grid.nx() + ix] += pixelAverage(p, ix - cx, iy - cy, pix);
                }
            }
        }
    }

    private static double pixelAverage(NfwProfile p, double dx, double dy, double pix) {
        double sum = 0;
        for (int sy = 0; sy < SUBSAMPLES; sy++) {
            for (int sx = 0; sx < SUBSAMPLES; sx++) {
                double ox = dx + (sx + 0.5) / SUBSAMPLES - 0.5;
                double oy = dy + (sy + 0.5) / SUBSAMPLES - 0.5;
                sum += p.kappa(Math.max(Math.hypot(ox, oy), 0.05 / SUBSAMPLES) * pix);
            }
        }
        return sum / (SUBSAMPLES * SUBSAMPLES);
    }
}
