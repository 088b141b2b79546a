package org.massmap.sim;

import org.massmap.grid.TileGrid;

/**
 * The rendered stamps of a {@link HaloModel}'s halos at one pixel size: for each cell and each of the
 * {@value HaloModel#SUBPIXEL}² sub-pixel positions, the {@link HaloRenderer#stamp} of the cell's profile
 * centred at pixel 0 plus that offset. {@link OneHaloPower} computes the one-halo power from these very
 * arrays and {@link ConvergenceSimulator} adds them to its maps, so the maps' halos are exactly what the
 * power assumed, and drawing a map costs additions instead of profile evaluations. Stamps larger than
 * {@value #MAX_CACHED_PIXELS} pixels (nearby massive halos, rare in draws) are rendered on demand.
 * Immutable after construction, thread-safe.
 */
final class HaloStamps {
    /** Largest stamp kept in memory, pixels. */
    static final int MAX_CACHED_PIXELS = 4096;

    private final HaloModel model;
    private final double pixelRad;
    private final HaloRenderer.Stamp[][] cached;

    HaloStamps(HaloModel model, TileGrid grid) {
        this.model = model;
        this.pixelRad = grid.pixelRad();
        int m = HaloModel.SUBPIXEL;
        cached = new HaloRenderer.Stamp[model.cells().size()][m * m];
        for (int c = 0; c < cached.length; c++) {
            for (int o = 0; o < m * m; o++) {
                HaloRenderer.Stamp s = render(c, o % m, o / m);
                if ((long) s.width() * s.height() <= MAX_CACHED_PIXELS) {
                    cached[c][o] = s;
                } else {
                    break; // every offset of this cell is as large
                }
            }
        }
    }

    /** The stamp of cell c at sub-pixel offset (ox, oy), 0 ≤ ox, oy &lt; SUBPIXEL, centred at pixel 0 + offset. */
    HaloRenderer.Stamp get(int c, int ox, int oy) {
        HaloRenderer.Stamp s = cached[c][oy * HaloModel.SUBPIXEL + ox];
        return s != null ? s : render(c, ox, oy);
    }

    private HaloRenderer.Stamp render(int c, int ox, int oy) {
        return HaloRenderer.stamp(model.cells().get(c).profile(), pixelRad, HaloModel.lattice(ox), HaloModel.lattice(oy));
    }

    /** Adds the halo at a placement to a row-major nx×ny map, wrapping around its edges. */
    void addPeriodic(HaloModel.Placement p, double[] kappa, int nx, int ny) {
        int m = HaloModel.SUBPIXEL;
        HaloRenderer.Stamp s = get(p.cell(), Math.floorMod(p.x(), m), Math.floorMod(p.y(), m));
        int px = Math.floorDiv(p.x(), m);
        int py = Math.floorDiv(p.y(), m);
        double[] v = s.values();
        for (int j = 0; j < s.height(); j++) {
            int row = Math.floorMod(s.y0() + py + j, ny) * nx;
            int x0 = s.x0() + px;
            for (int i = 0; i < s.width(); i++) {
                kappa[row + Math.floorMod(x0 + i, nx)] += v[j * s.width() + i];
            }
        }
    }
}
