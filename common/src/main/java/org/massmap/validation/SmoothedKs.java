package org.massmap.validation;

import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/**
 * The Kaiser-Squires map smoothed by a Gaussian, with its metrics against the truth. {@link #best}
 * picks among {@link ValidationReport#KS_SMOOTHING_ARCMIN} the scale that minimises the RMSE against
 * the very truth it is scored on (the first of equal ones; 0 = unsmoothed): an optimistic baseline,
 * since the scale is chosen with the truth. The validation study instead fixes the scale beforehand on
 * separate realisations ({@link KsCalibration}) and applies it with {@link #at}.
 *
 * @param arcmin  the smoothing scale (Gaussian σ), arcmin
 * @param map     the KS map smoothed at that scale
 * @param metrics its RMSE and Pearson r inside the mask
 */
public record SmoothedKs(double arcmin, double[] map, MapMetrics metrics) {

    /** Tries every candidate scale on {@code ks} and keeps the best. */
    public static SmoothedKs best(TileGrid grid, double[] ks, double[] truth, boolean[] mask) {
        SmoothedKs best = null;
        for (double s : ValidationReport.KS_SMOOTHING_ARCMIN) {
            SmoothedKs candidate = at(grid, ks, truth, mask, s);
            if (best == null || candidate.metrics().rmse() < best.metrics().rmse()) {
                best = candidate;
            }
        }
        return best;
    }

    /** {@code ks} smoothed at {@code arcmin} (0 = unsmoothed), scored against {@code truth} inside {@code mask}. */
    public static SmoothedKs at(TileGrid grid, double[] ks, double[] truth, boolean[] mask, double arcmin) {
        double[] smoothed = arcmin == 0 ? ks : new GaussianSmoother(grid.nx(), grid.ny(), arcmin / grid.pixelArcmin()).smooth(ks);
        return new SmoothedKs(arcmin, smoothed, MapMetrics.of(smoothed, truth, mask));
    }
}
