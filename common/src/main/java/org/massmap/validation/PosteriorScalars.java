package org.massmap.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.stats.PeakFinder;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * The scalar summaries of a κ map whose posterior distribution a convergence study follows: pixel
 * values at fixed points, the map smoothed by Gaussians of σ = 2′, 4′ and 8′ at the tile's centre,
 * band powers (the tile's ℓ range in three logarithmic bands), the one-point skewness, and the number
 * of peaks of the 2′-smoothed map above a threshold. Each is a function of one map; the list is
 * immutable and thread-safe (the smoothers and the power estimator are).
 */
public final class PosteriorScalars {

    /** A named scalar function of a map (flat row-major, iy·nx + ix). */
    public record Scalar(String name, ToDoubleFunction<double[]> of) { }

    private PosteriorScalars() {
    }

    /**
     * @param grid            the tile
     * @param peakThreshold   κ threshold of the 2′-smoothed peak count (e.g. 3 σ_ref of the survey noise)
     */
    public static List<Scalar> standard(TileGrid grid, double peakThreshold) {
        int nx = grid.nx();
        int ny = grid.ny();
        double pixel = grid.pixelArcmin();
        List<Scalar> s = new ArrayList<>();
        int centre = (ny / 2) * nx + nx / 2;
        int quarter = (ny / 4) * nx + nx / 4;
        s.add(new Scalar("κ at the centre pixel", m -> m[centre]));
        s.add(new Scalar("κ at a quarter point", m -> m[quarter]));
        for (double arcmin : new double[] {2, 4, 8}) {
            GaussianSmoother smoother = new GaussianSmoother(nx, ny, arcmin / pixel);
            s.add(new Scalar(String.format(Locale.ROOT, "κ smoothed %.0f′, centre", arcmin), m -> smoother.smooth(m)[centre]));
        }
        PowerSpectrumEstimator power = new PowerSpectrumEstimator(grid, 3);
        double[] ell = power.ell();
        for (int b = 0; b < ell.length; b++) {
            int band = b;
            s.add(new Scalar(String.format(Locale.ROOT, "C_ℓ, band at ℓ ≈ %.0f", ell[b]), m -> power.estimate(m)[band]));
        }
        s.add(new Scalar("skewness", PosteriorScalars::skewness));
        GaussianSmoother twoArcmin = new GaussianSmoother(nx, ny, 2 / pixel);
        double[] threshold = new double[nx * ny];
        Arrays.fill(threshold, peakThreshold);
        s.add(new Scalar(String.format(Locale.ROOT, "peaks of the 2′ map above %.3g", peakThreshold),
                m -> PeakFinder.peaks(twoArcmin.smooth(m), nx, ny, threshold, null).size()));
        return List.copyOf(s);
    }

    /** The evaluated scalars of one map, in list order. */
    public static double[] evaluate(List<Scalar> scalars, double[] map) {
        double[] v = new double[scalars.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scalars.get(i).of().applyAsDouble(map);
        }
        return v;
    }

    private static double skewness(double[] m) {
        return OnePoint.of(m, null).skewness();
    }
}
