package org.massmap.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massmap.grid.TileGrid;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * Validation of one tile's maps against a known truth (all inside the observed mask):
 * RMSE and Pearson r of Kaiser-Squires (raw, and smoothed at the scale minimising its RMSE among a
 * few candidates), Wiener filter, posterior mean and median; empirical coverage of the 68% and 95%
 * per-pixel intervals; one-point statistics of truth, samples and mean; binned pseudo power spectra
 * of truth, samples (averaged), posterior mean and Wiener filter on one window (observed pixels where
 * the truth is known), so that their ratios are meaningful on partly covered tiles.
 */
public record ValidationReport(int pixels, Map<String, MapMetrics> methods, double ksBestSmoothingArcmin,
        double coverage68, double coverage95, OnePoint truthOnePoint, OnePoint samplesOnePoint, OnePoint meanOnePoint,
        double[] ell, double[] clTruth, double[] clSamples, double[] clMean, double[] clWiener, int samples) {

    /**
     * Coverage a calibrated posterior is expected to reach with intervals read off K samples by
     * interpolated quantiles: F(q_p) of the interpolated order statistic has mean (1 + p(K − 1))/(K + 1),
     * so an interval of nominal width w covers w(K − 1)/(K + 1) on average (0.84 for 95% with K = 16).
     */
    public static double expectedCoverage(double nominal, int samples) {
        return nominal * (samples - 1) / (samples + 1.0);
    }

    /** Candidate Kaiser-Squires smoothing scales, arcmin. */
    public static final double[] KS_SMOOTHING_ARCMIN = {0, 0.5, 1, 1.5, 2, 3, 4, 6};

    /**
     * @param truth truth on the tile grid (NaN where unknown)
     * @param q     quantile maps {2.5, 16, 84, 97.5} per cent
     */
    public static ValidationReport of(TileGrid grid, double[] truth, boolean[] mask, double[] ks, double[] wiener,
            double[] mean, double[] median, double[][] q, List<double[]> samples) {
        Map<String, MapMetrics> methods = new LinkedHashMap<>();
        methods.put("kaiser_squires", MapMetrics.of(ks, truth, mask));
        SmoothedKs best = SmoothedKs.best(grid, ks, truth, mask);
        methods.put("kaiser_squires_smoothed", best.metrics());
        methods.put("wiener", MapMetrics.of(wiener, truth, mask));
        methods.put("posterior_mean", MapMetrics.of(mean, truth, mask));
        methods.put("posterior_median", MapMetrics.of(median, truth, mask));

        double c68 = Coverage.of(truth, mean, q[1], q[2], mask);
        double c95 = Coverage.of(truth, mean, q[0], q[3], mask);

        OnePoint samplesOnePoint = OnePoint.meanOver(samples, mask);
        // Pseudo power spectra on one window for every map: observed pixels where the truth is known,
        // each map mean-subtracted there and zero elsewhere, so that their ratios compare like with like.
        boolean[] window = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            window[i] = mask[i] && Double.isFinite(truth[i]);
        }
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, 12);
        double[] clSamples = new double[est.ell().length];
        for (double[] s : samples) {
            double[] c = est.estimate(windowed(s, window));
            for (int b = 0; b < c.length; b++) {
                clSamples[b] += c[b] / samples.size();
            }
        }
        int pixels = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] && Double.isFinite(truth[i])) {
                pixels++;
            }
        }
        return new ValidationReport(pixels, methods, best.arcmin(), c68, c95, OnePoint.of(truth, mask),
                samplesOnePoint, OnePoint.of(mean, mask), est.ell(), est.estimate(windowed(truth, window)),
                clSamples, est.estimate(windowed(mean, window)), est.estimate(windowed(wiener, window)), samples.size());
    }

    /** The map minus its mean inside the window, and zero outside it. */
    static double[] windowed(double[] map, boolean[] window) {
        double mean = 0;
        int n = 0;
        for (int i = 0; i < map.length; i++) {
            if (window[i]) {
                mean += map[i];
                n++;
            }
        }
        mean /= Math.max(1, n);
        double[] out = new double[map.length];
        for (int i = 0; i < map.length; i++) {
            out[i] = window[i] ? map[i] - mean : 0;
        }
        return out;
    }

    /** null for non-finite values (JSON has no NaN). */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A JSON-friendly view. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pixels", pixels);
        Map<String, Object> meth = new LinkedHashMap<>();
        methods.forEach((k, v) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("rmse", finite(v.rmse()));
            e.put("pearson", finite(v.pearson()));
            meth.put(k, e);
        });
        m.put("methods", meth);
        m.put("kaiser_squires_best_smoothing_arcmin", ksBestSmoothingArcmin);
        m.put("samples", samples);
        m.put("coverage", Map.of("68", coverage68, "95", coverage95));
        m.put("coverage_expected_for_this_many_samples", Map.of("68", expectedCoverage(0.68, samples),
                "95", expectedCoverage(0.95, samples)));
        Map<String, Object> onePoint = new LinkedHashMap<>();
        for (Object[] o : new Object[][] {{"truth", truthOnePoint}, {"samples", samplesOnePoint}, {"posterior_mean", meanOnePoint}}) {
            OnePoint p = (OnePoint) o[1];
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("std", finite(p.std()));
            e.put("skewness", finite(p.skewness()));
            onePoint.put((String) o[0], e);
        }
        m.put("one_point", onePoint);
        List<Map<String, Double>> ps = new ArrayList<>();
        for (int b = 0; b < ell.length; b++) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("ell", finite(ell[b]));
            row.put("truth", finite(clTruth[b]));
            row.put("samples", finite(clSamples[b]));
            row.put("posterior_mean", finite(clMean[b]));
            row.put("wiener", finite(clWiener[b]));
            ps.add(row);
        }
        m.put("power_spectrum", ps);
        return m;
    }
}
