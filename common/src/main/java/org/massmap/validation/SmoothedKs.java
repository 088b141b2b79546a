package org.massmap.validation;

import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/**
 * The Kaiser-Squires baseline at its best: the KS map smoothed by the Gaussian of
 * {@link ValidationReport#KS_SMOOTHING_ARCMIN} that minimises its RMSE against a known truth (the first
 * of equal ones; 0 = unsmoothed). An optimistic baseline, since the scale is chosen with the truth.
 *
 * @param arcmin  the chosen smoothing scale (Gaussian σ), arcmin
 * @param map     the KS map smoothed at that scale
 * @param metrics its RMSE and Pearson r inside the mask
 */
public record SmoothedKs(double arcmin, double[] map, MapMetrics metrics) {

    /** Tries every candidate scale on {@code ks} and keeps the best. */
    public static SmoothedKs best(TileGrid grid, double[] ks, double[] truth, boolean[] mask) {
        SmoothedKs best = null;
        for (double s : ValidationReport.KS_SMOOTHING_ARCMIN) {
            double[] smoothed = s == 0 ? ks : new GaussianSmoother(grid.nx(), grid.ny(), s / grid.pixelArcmin()).smooth(ks);
            MapMetrics m = MapMetrics.of(smoothed, truth, mask);
            if (best == null || m.rmse() < best.metrics().rmse()) {
                best = new SmoothedKs(s, smoothed, m);
            }
        }
        return best;
    }
}
