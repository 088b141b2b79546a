package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.stats.PeakFinder;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * Compares two ensembles of κ maps on one periodic grid — for example prior-only samples of a
 * learned prior against held-out simulations — by the statistics a prior must get right:
 * <ul>
 *   <li>band powers: per ℓ band, the ratio of the ensembles' mean powers (a ratio of averages),
 *       with its 1σ error from the scatter of each ensemble;</li>
 *   <li>one-point: the mean per-map skewness of each ensemble with its error, and the fraction of
 *       pixels in bins of κ/σ_ref;</li>
 *   <li>peak counts: local maxima of the maps smoothed by a Gaussian of each given std (arcmin),
 *       per map, above thresholds ν·σ_ref(scale), σ_ref a fixed reference noise per scale (for
 *       example a survey's smoothed shape noise), so counts compare the same physical heights in
 *       both ensembles. Peaks are searched on the whole grid except its one-pixel border.</li>
 * </ul>
 * Immutable result; pure computation.
 *
 * @param ell           band centres (multipoles)
 * @param powerRatio    candidate / reference mean power per band
 * @param powerRatioErr 1σ error of each ratio
 * @param skewness      {candidate, reference} mean per-map skewness
 * @param skewnessErr   {candidate, reference} error of those means
 * @param pdfEdges      bin edges of κ in units of the reference ensemble's pixel std (open-ended first and last bins)
 * @param pdf           {candidate, reference} fraction of pixels per bin
 * @param peaks         one entry per smoothing scale
 */
public record EnsembleComparison(double[] ell, double[] powerRatio, double[] powerRatioErr, double[] skewness,
                                 double[] skewnessErr, double[] pdfEdges, double[][] pdf, List<PeakCounts> peaks) {

    /**
     * Peak counts at one smoothing scale.
     *
     * @param smoothingArcmin Gaussian std of the smoothing, arcmin
     * @param referenceNoise  σ_ref at this scale (κ units)
     * @param nu              thresholds in units of σ_ref
     * @param candidate       mean number of peaks per map above each threshold (candidate ensemble)
     * @param candidateErr    its error (scatter / √maps)
     * @param reference       the same for the reference ensemble
     * @param referenceErr    its error
     */
    public record PeakCounts(double smoothingArcmin, double referenceNoise, double[] nu, double[] candidate,
                             double[] candidateErr, double[] reference, double[] referenceErr) {
        /** candidate / reference per threshold. */
        public double ratio(int i) {
            return candidate[i] / reference[i];
        }

        /** 1σ error of {@link #ratio(int)}. */
        public double ratioErr(int i) {
            double r = ratio(i);
            return Math.abs(r) * Math.hypot(candidateErr[i] / candidate[i], referenceErr[i] / reference[i]);
        }
    }

    /**
     * @param grid               the maps' grid (periodic)
     * @param candidate          maps under test (row-major, grid.size() each, ≥ 2)
     * @param reference          reference maps (≥ 2)
     * @param bands              number of logarithmic ℓ bands
     * @param smoothingArcmin    Gaussian smoothing stds for the peak counts, arcmin
     * @param referenceNoise     σ_ref per smoothing scale (κ units)
     * @param nu                 peak thresholds in units of σ_ref
     */
    public static EnsembleComparison of(TileGrid grid, List<double[]> candidate, List<double[]> reference, int bands,
                                        double[] smoothingArcmin, double[] referenceNoise, double[] nu) {
        if (candidate.size() < 2 || reference.size() < 2) {
            throw new IllegalArgumentException("need at least 2 maps in each ensemble, got " + candidate.size() + " and " + reference.size());
        }
        if (smoothingArcmin.length != referenceNoise.length) {
            throw new IllegalArgumentException("one reference noise per smoothing scale: " + smoothingArcmin.length + " scales, "
                    + referenceNoise.length + " noises");
        }
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, bands);
        double[][] pc = meanAndError(powers(est, candidate));
        double[][] pr = meanAndError(powers(est, reference));
        double[] ratio = new double[pc[0].length];
        double[] ratioErr = new double[ratio.length];
        for (int b = 0; b < ratio.length; b++) {
            ratio[b] = pc[0][b] / pr[0][b];
            ratioErr[b] = Math.abs(ratio[b]) * Math.hypot(pc[1][b] / pc[0][b], pr[1][b] / pr[0][b]);
        }
        double[][] sc = meanAndError(skewnesses(candidate));
        double[][] sr = meanAndError(skewnesses(reference));
        double std = pooledStd(reference);
        double[] edges = {Double.NEGATIVE_INFINITY, -2, -1, 0, 1, 2, 3, 4, 6, Double.POSITIVE_INFINITY};
        double[][] pdf = {histogram(candidate, std, edges), histogram(reference, std, edges)};
        List<PeakCounts> peaks = new ArrayList<>();
        for (int s = 0; s < smoothingArcmin.length; s++) {
            GaussianSmoother smoother = new GaussianSmoother(grid.nx(), grid.ny(), smoothingArcmin[s] / grid.pixelArcmin());
            double[][] c = meanAndError(peakCounts(grid, smoother, candidate, referenceNoise[s], nu));
            double[][] r = meanAndError(peakCounts(grid, smoother, reference, referenceNoise[s], nu));
            peaks.add(new PeakCounts(smoothingArcmin[s], referenceNoise[s], nu.clone(), c[0], c[1], r[0], r[1]));
        }
        return new EnsembleComparison(est.ell(), ratio, ratioErr, new double[] {sc[0][0], sr[0][0]},
                new double[] {sc[1][0], sr[1][0]}, edges, pdf, List.copyOf(peaks));
    }

    private static List<double[]> powers(PowerSpectrumEstimator est, List<double[]> maps) {
        List<double[]> out = new ArrayList<>(maps.size());
        for (double[] m : maps) {
            out.add(est.estimate(m));
        }
        return out;
    }

    private static List<double[]> skewnesses(List<double[]> maps) {
        List<double[]> out = new ArrayList<>(maps.size());
        for (double[] m : maps) {
            out.add(new double[] {OnePoint.of(m, null).skewness()});
        }
        return out;
    }

    /** Pixel std of the ensemble about each map's mean, pooled. */
    private static double pooledStd(List<double[]> maps) {
        double sum = 0;
        for (double[] m : maps) {
            double s = OnePoint.of(m, null).std();
            sum += s * s;
        }
        return Math.sqrt(sum / maps.size());
    }

    private static double[] histogram(List<double[]> maps, double std, double[] edges) {
        double[] h = new double[edges.length - 1];
        long total = 0;
        for (double[] m : maps) {
            for (double v : m) {
                double u = v / std;
                total++;
                for (int b = 0; b < h.length; b++) {
                    if (u >= edges[b] && u < edges[b + 1]) {
                        h[b]++;
                        break;
                    }
                }
            }
        }
        for (int b = 0; b < h.length; b++) {
            h[b] /= total;
        }
        return h;
    }

    /** Per map: number of peaks of the smoothed map above each ν·σ_ref. */
    private static List<double[]> peakCounts(TileGrid grid, GaussianSmoother smoother, List<double[]> maps, double noise, double[] nu) {
        List<double[]> out = new ArrayList<>(maps.size());
        double[] floor = new double[grid.size()];
        java.util.Arrays.fill(floor, Double.NEGATIVE_INFINITY);
        for (double[] m : maps) {
            double[] s = smoother.smooth(m);
            double[] counts = new double[nu.length];
            for (int p : PeakFinder.peaks(s, grid.nx(), grid.ny(), floor, null)) {
                for (int t = 0; t < nu.length; t++) {
                    if (s[p] >= nu[t] * noise) {
                        counts[t]++;
                    }
                }
            }
            out.add(counts);
        }
        return out;
    }

    /** {mean, error of the mean} per component over the rows. */
    private static double[][] meanAndError(List<double[]> rows) {
        int k = rows.get(0).length;
        int n = rows.size();
        double[] mean = new double[k];
        double[] err = new double[k];
        for (double[] r : rows) {
            for (int j = 0; j < k; j++) {
                mean[j] += r[j] / n;
            }
        }
        for (double[] r : rows) {
            for (int j = 0; j < k; j++) {
                err[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        for (int j = 0; j < k; j++) {
            err[j] = Math.sqrt(err[j] / (n - 1) / n);
        }
        return new double[][] {mean, err};
    }
}
