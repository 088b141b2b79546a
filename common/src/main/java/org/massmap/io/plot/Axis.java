package org.massmap.io.plot;


/** A plot axis's data range [lo, hi], linear or logarithmic (package-private, for {@link LinePlot}). */
record Axis(double lo, double hi, boolean log) {

    Axis {
        if (!(hi > lo) || log && !(lo > 0)) {
            throw new IllegalArgumentException("axis range must satisfy " + (log ? "0 < " : "") + "lo < hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** The axis fitted to data extremes (finite; positive for a log axis), with a little padding. */
    static Axis fit(double min, double max, boolean log) {
        if (log) {
            double a = Math.log10(min);
            double b = Math.log10(max);
            double pad = b > a ? 0.04 * (b - a) : 0.3;
            return new Axis(Math.pow(10, a - pad), Math.pow(10, b + pad), true);
        }
        double pad = max > min ? 0.05 * (max - min) : Math.max(Math.abs(min) * 0.1, 1e-12);
        return new Axis(min - pad, max + pad, false);
    }

    /** Whether {@code v} can be placed on this axis. */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }
}
