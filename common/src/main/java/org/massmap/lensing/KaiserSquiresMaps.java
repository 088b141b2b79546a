package org.massmap.lensing;

import org.massmap.catalog.BinnedShear;
import org.massmap.grid.TileGrid;

/**
 * Kaiser-Squires E- and B-mode convergence of binned shear (empty pixels count as γ = 0), optionally
 * Gaussian-smoothed. Maps are row-major on the tile grid with zero mean.
 *
 * @param smoothArcmin smoothing standard deviation applied, arcmin (0 = none)
 */
public record KaiserSquiresMaps(TileGrid grid, double[] kappaE, double[] kappaB, double smoothArcmin) {

    public static KaiserSquiresMaps of(BinnedShear shear, double smoothArcmin) {
        TileGrid g = shear.grid();
        double[][] k = new KaiserSquires(g.nx(), g.ny()).inverse(shear.gamma1(), shear.gamma2());
        if (smoothArcmin > 0) {
            GaussianSmoother s = new GaussianSmoother(g.nx(), g.ny(), smoothArcmin / g.pixelArcmin());
            k[0] = s.smooth(k[0]);
            k[1] = s.smooth(k[1]);
        } else if (smoothArcmin < 0) {
            throw new IllegalArgumentException("ks.smooth-arcmin must be >= 0, got " + smoothArcmin);
        }
        return new KaiserSquiresMaps(g, k[0], k[1], smoothArcmin);
    }
}
