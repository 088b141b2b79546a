package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;

/**
 * The scalar summaries of a κ map whose posterior distribution a convergence study follows: the
 * statistics of the simulation-based calibration ({@link CalibrationStatistics}: κ at fixed pixels,
 * κ smoothed at 2′/4′/8′ at fixed points, band powers, peak counts of the smoothed maps above fixed
 * multiples of the prior's smoothed rms), then the one-point skewness of the map. Immutable and
 * thread-safe.
 */
public final class PosteriorScalars {
    private final CalibrationStatistics statistics;
    private final List<String> names;

    /** @param prior the prior power on this grid (sets the peak thresholds) */
    public PosteriorScalars(TileGrid grid, PowerMap prior) {
        this.statistics = new CalibrationStatistics(grid, prior);
        List<String> n = new ArrayList<>(statistics.names());
        n.add("skewness");
        this.names = List.copyOf(n);
    }

    /** The scalars' names, in the order of {@link #of}. */
    public List<String> names() {
        return names;
    }

    /** Every scalar of one map (row-major on the grid). */
    public double[] of(double[] map) {
        double[] s = statistics.of(map);
        double[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = OnePoint.of(map, null).skewness();
        return out;
    }
}
