package org.massmap.validation;

import java.util.List;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * How well a map estimate (a posterior mean, a Wiener or Kaiser-Squires map) agrees with the truth,
 * scale by scale: the cross-correlation coefficient per ℓ band, r(ℓ) = C_ℓ^{et}/√(C_ℓ^{ee}·C_ℓ^{tt})
 * (1 = the estimate has the truth's phases at that scale, whatever its amplitude), and the RMSE and
 * Pearson r over the selected pixels of both maps smoothed alike by Gaussians of each σ (0 = pixel
 * scale). The spectra are of the whole periodic tile, estimate and truth windowed alike by
 * {@code window} (e.g. the apodised footprint), so masked regions count the same for both.
 *
 * @param ell              mean multipole of each band
 * @param crossCorrelation r(ℓ) per band
 * @param scalesArcmin     smoothing σ of each RMSE / Pearson value, arcmin
 * @param rmse             per scale, over the selected pixels
 * @param pearson          per scale, over the selected pixels
 */
public record MapAgreement(double[] ell, double[] crossCorrelation, double[] scalesArcmin, double[] rmse, double[] pearson) {

    /**
     * @param window weight of each pixel in the spectra (null = 1 everywhere)
     * @param select pixels of the RMSE and Pearson r (null = all)
     */
    public static MapAgreement of(TileGrid grid, double[] estimate, double[] truth, double[] window, boolean[] select,
            List<Double> scalesArcmin, int bands) {
        PowerSpectrumEstimator power = new PowerSpectrumEstimator(grid, bands);
        double[] e = windowed(estimate, window);
        double[] t = windowed(truth, window);
        double[] et = power.cross(e, t);
        double[] ee = power.estimate(e);
        double[] tt = power.estimate(t);
        double[] r = new double[et.length];
        for (int b = 0; b < r.length; b++) {
            r[b] = ee[b] > 0 && tt[b] > 0 ? et[b] / Math.sqrt(ee[b] * tt[b]) : Double.NaN;
        }
        boolean[] pixels = select;
        if (pixels == null) {
            pixels = new boolean[truth.length];
            java.util.Arrays.fill(pixels, true);
        }
        double[] scales = scalesArcmin.stream().mapToDouble(Double::doubleValue).toArray();
        double[] rmse = new double[scales.length];
        double[] pearson = new double[scales.length];
        for (int k = 0; k < scales.length; k++) {
            GaussianSmoother smoother = new GaussianSmoother(grid.nx(), grid.ny(), scales[k] / grid.pixelArcmin());
            double[] se = smoother.smooth(estimate);
            double[] st = smoother.smooth(truth);
            MapMetrics m = MapMetrics.of(se, st, pixels);
            rmse[k] = m.rmse();
            pearson[k] = m.pearson();
        }
        return new MapAgreement(power.ell(), r, scales, rmse, pearson);
    }

    private static double[] windowed(double[] map, double[] window) {
        if (window == null) {
            return map;
        }
        double[] w = new double[map.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = map[i] * window[i];
        }
        return w;
    }
}
