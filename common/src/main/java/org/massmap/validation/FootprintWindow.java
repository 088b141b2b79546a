package org.massmap.validation;

import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/**
 * The apodised footprint window of the validation study's spectra: the observed mask's indicator
 * smoothed by a Gaussian of σ = {@link #APODISATION_PIXELS} pixels on the periodic tile (weights w in
 * [0, 1], falling to 0 a few pixels beyond the mask's edge). Every map of a realisation is windowed by
 * the same w, so their pseudo-C_ℓ share one mode coupling and their ratios compare like with like.
 *
 * @param weights               w per pixel of the tile
 * @param areaFraction          unmasked pixels / all pixels of the tile
 * @param effectiveAreaFraction mean of w² over the tile: the factor by which windowing scales a
 *                              pseudo-C_ℓ (Ĉ_ℓ ≈ ⟨w²⟩ C_ℓ for a spectrum smooth on the window's scale)
 */
public record FootprintWindow(double[] weights, double areaFraction, double effectiveAreaFraction) {
    /** σ of the Gaussian that apodises the footprint, pixels. */
    static final double APODISATION_PIXELS = 2;

    /** The apodised window of {@code mask} (true = observed) on {@code grid}. */
    public static FootprintWindow of(TileGrid grid, boolean[] mask) {
        if (mask.length != grid.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, the tile " + grid.size());
        }
        double[] indicator = new double[mask.length];
        int observed = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                indicator[i] = 1;
                observed++;
            }
        }
        double[] w = new GaussianSmoother(grid.nx(), grid.ny(), APODISATION_PIXELS).smooth(indicator);
        double w2 = 0;
        for (double v : w) {
            w2 += v * v;
        }
        return new FootprintWindow(w, (double) observed / mask.length, w2 / w.length);
    }

    /**
     * The map minus its w-weighted mean, times w: what the pseudo-C_ℓ is taken of. Non-finite pixels
     * (e.g. a truth unknown off the survey) count as that mean, i.e. as 0 after the subtraction.
     */
    public double[] apply(double[] map) {
        if (map.length != weights.length) {
            throw new IllegalArgumentException("map has " + map.length + " pixels, the window " + weights.length);
        }
        double sum = 0;
        double norm = 0;
        for (int i = 0; i < map.length; i++) {
            if (Double.isFinite(map[i])) {
                sum += weights[i] * map[i];
                norm += weights[i];
            }
        }
        double mean = norm > 0 ? sum / norm : 0;
        double[] out = new double[map.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(map[i]) ? weights[i] * (map[i] - mean) : 0;
        }
        return out;
    }
}
