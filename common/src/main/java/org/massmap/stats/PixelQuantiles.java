package org.massmap.stats;

import java.util.Arrays;

/**
 * Per-pixel quantiles of a set of sample maps, by linear interpolation between order statistics
 * (numpy's default "linear" method: position q·(K − 1) in the sorted K values).
 */
public final class PixelQuantiles {
    private PixelQuantiles() {
    }

    /** Quantile maps, one per requested probability (each in [0, 1]). */
    public static double[][] of(double[][] samples, double... probabilities) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("quantiles need at least one sample");
        }
        int n = samples[0].length;
        double[][] out = new double[probabilities.length][n];
        double[] column = new double[samples.length];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < samples.length; s++) {
                column[s] = samples[s][i];
            }
            Arrays.sort(column);
            for (int q = 0; q < probabilities.length; q++) {
                out[q][i] = interpolate(column, probabilities[q]);
            }
        }
        return out;
    }

    static double interpolate(double[] sorted, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile probability must lie in [0, 1], got " + p);
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
