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
 * @param rmseMcCorrected  per scale, for a mean of N samples: the RMSE with the Monte-Carlo excess removed,
 *                         √max(0, RMSE² − mean over the pixels of s²/N), s² the variance of the samples
 *                         smoothed alike ({@link MonteCarloExcess}); null for an estimate without samples
 */
public record MapAgreement(double[] ell, double[] crossCorrelation, double[] scalesArcmin, double[] rmse, double[] pearson,
        double[] rmseMcCorrected) {

    /** An agreement of an estimate without samples (no Monte-Carlo correction). */
    public MapAgreement(double[] ell, double[] crossCorrelation, double[] scalesArcmin, double[] rmse, double[] pearson) {
        this(ell, crossCorrelation, scalesArcmin, rmse, pearson, null);
    }

    /**
     * @param window weight of each pixel in the spectra (null = 1 everywhere)
     * @param select pixels of the RMSE and Pearson r (null = all)
     */
    public static MapAgreement of(TileGrid grid, double[] estimate, double[] truth, double[] window, boolean[] select,
            List<Double> scalesArcmin, int bands) {
        return of(grid, estimate, truth, window, select, scalesArcmin, bands, null);
    }

    /**
     * As {@link #of(TileGrid, double[], double[], double[], boolean[], List, int)}, for an estimate that is the
     * pixel mean of {@code samples}: also the RMSE at each scale with the samples' Monte-Carlo excess removed.
     *
     * @param samples the N ≥ 2 independent samples whose mean is {@code estimate}, or null for none
     */
    public static MapAgreement of(TileGrid grid, double[] estimate, double[] truth, double[] window, boolean[] select,
            List<Double> scalesArcmin, int bands, List<double[]> samples) {
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
        double[] corrected = samples == null ? null : new double[scales.length];
        for (int k = 0; k < scales.length; k++) {
            GaussianSmoother smoother = new GaussianSmoother(grid.nx(), grid.ny(), scales[k] / grid.pixelArcmin());
            double[] se = smoother.smooth(estimate);
            double[] st = smoother.smooth(truth);
            MapMetrics m = MapMetrics.of(se, st, pixels);
            rmse[k] = m.rmse();
            pearson[k] = m.pearson();
            if (samples != null) {
                List<double[]> smoothed = samples.stream().map(smoother::smooth).toList();
                corrected[k] = MonteCarloExcess.of(smoothed, se, st, pixels).correctedRmse(m.rmse());
            }
        }
        return new MapAgreement(power.ell(), r, scales, rmse, pearson, corrected);
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
