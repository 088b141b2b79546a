package org.massmap.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * Validation of one tile's maps against a known truth (all inside the observed mask):
 * RMSE and Pearson r of Kaiser-Squires (raw, and smoothed at the scale minimising its RMSE among a
 * few candidates), Wiener filter, posterior mean and median; empirical coverage of the 68% and 95%
 * per-pixel intervals; one-point statistics of truth, samples and mean; binned power spectra of
 * truth, samples (averaged), posterior mean and Wiener filter over the whole tile.
 */
public record ValidationReport(int pixels, Map<String, MapMetrics> methods, double ksBestSmoothingArcmin,
        double coverage68, double coverage95, OnePoint truthOnePoint, OnePoint samplesOnePoint, OnePoint meanOnePoint,
        double[] ell, double[] clTruth, double[] clSamples, double[] clMean, double[] clWiener) {

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
        double best = 0;
        MapMetrics bestMetrics = null;
        for (double s : KS_SMOOTHING_ARCMIN) {
            double[] smoothed = s == 0 ? ks : new GaussianSmoother(grid.nx(), grid.ny(), s / grid.pixelArcmin()).smooth(ks);
            MapMetrics m = MapMetrics.of(smoothed, truth, mask);
            if (bestMetrics == null || m.rmse() < bestMetrics.rmse()) {
                bestMetrics = m;
                best = s;
            }
        }
        methods.put("kaiser_squires_smoothed", bestMetrics);
        methods.put("wiener", MapMetrics.of(wiener, truth, mask));
        methods.put("posterior_mean", MapMetrics.of(mean, truth, mask));
        methods.put("posterior_median", MapMetrics.of(median, truth, mask));

        double c68 = Coverage.of(truth, mean, q[1], q[2], mask);
        double c95 = Coverage.of(truth, mean, q[0], q[3], mask);

        double skew = 0;
        double std = 0;
        for (double[] s : samples) {
            OnePoint o = OnePoint.of(s, mask);
            skew += o.skewness() / samples.size();
            std += o.std() / samples.size();
        }
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, 12);
        double[] truthFilled = truth.clone();
        double tm = 0;
        int tn = 0;
        for (double v : truth) {
            if (Double.isFinite(v)) {
                tm += v;
                tn++;
            }
        }
        for (int i = 0; i < truthFilled.length; i++) {
            if (!Double.isFinite(truthFilled[i])) {
                truthFilled[i] = tm / tn;
            }
        }
        double[] clSamples = new double[est.ell().length];
        for (double[] s : samples) {
            double[] c = est.estimate(s);
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
        return new ValidationReport(pixels, methods, best, c68, c95, OnePoint.of(truth, mask),
                new OnePoint(Double.NaN, std, skew), OnePoint.of(mean, mask), est.ell(), est.estimate(truthFilled),
                clSamples, est.estimate(mean), est.estimate(wiener));
    }

    /** A JSON-friendly view. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pixels", pixels);
        Map<String, Object> meth = new LinkedHashMap<>();
        methods.forEach((k, v) -> meth.put(k, Map.of("rmse", v.rmse(), "pearson", v.pearson())));
        m.put("methods", meth);
        m.put("kaiser_squires_best_smoothing_arcmin", ksBestSmoothingArcmin);
        m.put("coverage", Map.of("68", coverage68, "95", coverage95));
        m.put("one_point", Map.of("truth", Map.of("std", truthOnePoint.std(), "skewness", truthOnePoint.skewness()),
                "samples", Map.of("std", samplesOnePoint.std(), "skewness", samplesOnePoint.skewness()),
                "posterior_mean", Map.of("std", meanOnePoint.std(), "skewness", meanOnePoint.skewness())));
        List<Map<String, Double>> ps = new ArrayList<>();
        for (int b = 0; b < ell.length; b++) {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("ell", ell[b]);
            row.put("truth", clTruth[b]);
            row.put("samples", clSamples[b]);
            row.put("posterior_mean", clMean[b]);
            row.put("wiener", clWiener[b]);
            ps.add(row);
        }
        m.put("power_spectrum", ps);
        return m;
    }
}
