package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.prior.PowerMap;
import org.massmap.stats.PeakFinder;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * The scalar summaries of a convergence map that simulation-based calibration ranks the truth among
 * posterior samples by (Talts et al. 2018): the same functions of truth and samples alike.
 * <ul>
 *   <li>κ at four fixed pixels (a quarter and three quarters of each side, and the centre);</li>
 *   <li>κ smoothed by Gaussians of σ = 2′, 4′ and 8′ at the tile centre and at the first quarter point;</li>
 *   <li>band powers in four logarithmic ℓ bins from the fundamental to the grid's largest |ℓ|
 *       ({@link PowerSpectrumEstimator}, periodic tile, no mask);</li>
 *   <li>peak counts of the 2′- and 4′-smoothed map above 1 and 2 times the prior's rms of that
 *       smoothed map (fixed thresholds, the same for every map).</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class CalibrationStatistics {
    /** Smoothing scales, arcmin. */
    static final double[] SMOOTHING_ARCMIN = {2, 4, 8};
    /** Peak thresholds in units of the prior's smoothed rms. */
    static final double[] PEAK_NU = {1, 2};
    /** Smoothing scales whose peaks are counted, arcmin. */
    static final double[] PEAK_SMOOTHING_ARCMIN = {2, 4};
    static final int BANDS = 4;

    private final TileGrid grid;
    private final int[] pixels;
    private final int[] points;
    private final GaussianSmoother[] smoothers;
    private final PowerSpectrumEstimator power;
    private final GaussianSmoother[] peakSmoothers;
    private final double[] peakRms;
    private final List<String> names;

    /** @param prior the prior power on this grid (sets the peak thresholds) */
    public CalibrationStatistics(TileGrid grid, PowerMap prior) {
        int nx = grid.nx();
        int ny = grid.ny();
        if (nx < 8 || ny < 8) {
            throw new IllegalArgumentException("calibration tiles need at least 8x8 pixels, got " + nx + "x" + ny);
        }
        this.grid = grid;
        this.pixels = new int[] {index(ny / 4, nx / 4), index(ny / 4, 3 * nx / 4), index(3 * ny / 4, nx / 4), index(ny / 2, nx / 2)};
        this.points = new int[] {index(ny / 2, nx / 2), index(ny / 4, nx / 4)};
        this.smoothers = new GaussianSmoother[SMOOTHING_ARCMIN.length];
        for (int i = 0; i < smoothers.length; i++) {
            smoothers[i] = new GaussianSmoother(nx, ny, SMOOTHING_ARCMIN[i] / grid.pixelArcmin());
        }
        this.power = new PowerSpectrumEstimator(grid, BANDS);
        this.peakSmoothers = new GaussianSmoother[PEAK_SMOOTHING_ARCMIN.length];
        this.peakRms = new double[PEAK_SMOOTHING_ARCMIN.length];
        for (int i = 0; i < peakSmoothers.length; i++) {
            peakSmoothers[i] = new GaussianSmoother(nx, ny, PEAK_SMOOTHING_ARCMIN[i] / grid.pixelArcmin());
            peakRms[i] = Math.sqrt(peakSmoothers[i].smoothedVariance(prior));
        }
        List<String> n = new ArrayList<>();
        for (int p : pixels) {
            n.add(String.format(Locale.ROOT, "pixel(%d,%d)", p % nx, p / nx));
        }
        for (double s : SMOOTHING_ARCMIN) {
            for (int p : points) {
                n.add(String.format(Locale.ROOT, "smoothed%.0f'(%d,%d)", s, p % nx, p / nx));
            }
        }
        double[] ell = power.ell();
        for (double l : ell) {
            n.add(String.format(Locale.ROOT, "C_ell(%.0f)", l));
        }
        for (double s : PEAK_SMOOTHING_ARCMIN) {
            for (double nu : PEAK_NU) {
                n.add(String.format(Locale.ROOT, "peaks%.0f'>%.0fsigma", s, nu));
            }
        }
        this.names = List.copyOf(n);
    }

    private int index(int iy, int ix) {
        return iy * grid.nx() + ix;
    }

    /** The statistics' names, in the order of {@link #of}. */
    public List<String> names() {
        return names;
    }

    /** The rms of the prior's field smoothed at each peak-count scale (the unit of the thresholds). */
    public double[] peakRms() {
        return peakRms.clone();
    }

    /** Every statistic of one map (row-major on the grid). */
    public double[] of(double[] kappa) {
        if (kappa.length != grid.size()) {
            throw new IllegalArgumentException("map has " + kappa.length + " pixels, the tile " + grid.size());
        }
        double[] out = new double[names.size()];
        int o = 0;
        for (int p : pixels) {
            out[o++] = kappa[p];
        }
        for (GaussianSmoother s : smoothers) {
            double[] sm = s.smooth(kappa);
            for (int p : points) {
                out[o++] = sm[p];
            }
        }
        for (double c : power.estimate(kappa)) {
            out[o++] = c;
        }
        int n = kappa.length;
        for (int i = 0; i < peakSmoothers.length; i++) {
            double[] sm = peakSmoothers[i].smooth(kappa);
            for (double nu : PEAK_NU) {
                double[] threshold = new double[n];
                java.util.Arrays.fill(threshold, nu * peakRms[i]);
                out[o++] = PeakFinder.peaks(sm, grid.nx(), grid.ny(), threshold, null).size();
            }
        }
        return out;
    }
}
