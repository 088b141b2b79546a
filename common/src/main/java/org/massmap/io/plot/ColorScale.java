package org.massmap.io.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * Maps data values to colours: {@code vmin} to the bottom of the colormap, {@code vmax} to the
 * top, values outside clipped, NaN drawn in {@link #NAN_RGB} grey. {@code label} names the
 * quantity and unit on the colorbar (may be empty). Immutable.
 */
public record ColorScale(double vmin, double vmax, Colormap colormap, String label) {

    /** Colour of NaN (masked) pixels: mid grey. */
    public static final int NAN_RGB = 0x808080;

    public ColorScale {
        Objects.requireNonNull(colormap, "colormap");
        if (!Double.isFinite(vmin) || !Double.isFinite(vmax) || !(vmax > vmin)) {
            throw new IllegalArgumentException("colour limits must be finite with vmin < vmax, got [" + vmin + ", " + vmax + "]");
        }
        label = label == null ? "" : label;
    }

    /** Fixed limits. */
    public static ColorScale of(double vmin, double vmax, Colormap colormap, String label) {
        return new ColorScale(vmin, vmax, colormap, label);
    }

    /** Robust limits: the 1st and 99th percentiles of the finite values. */
    public static ColorScale robust(double[] values, Colormap colormap, String label) {
        return percentiles(values, 1, 99, colormap, label);
    }

    /** Limits at the {@code lo}-th and {@code hi}-th percentiles (0-100) of the finite values. */
    public static ColorScale percentiles(double[] values, double lo, double hi, Colormap colormap, String label) {
        if (!(lo >= 0 && lo < hi && hi <= 100)) {
            throw new IllegalArgumentException("percentiles must satisfy 0 <= lo < hi <= 100, got " + lo + ", " + hi);
        }
        double[] finite = finiteSorted(values);
        if (finite.length == 0) {
            return new ColorScale(0, 1, colormap, label);
        }
        return widened(percentile(finite, lo), percentile(finite, hi), colormap, label);
    }

    /** Limits symmetric about 0 at the 99th percentile of |value|, for diverging colormaps. */
    public static ColorScale symmetric(double[] values, Colormap colormap, String label) {
        double[] abs = Arrays.stream(values).filter(Double::isFinite).map(Math::abs).sorted().toArray();
        double m = abs.length == 0 ? 0 : percentile(abs, 99);
        if (!(m > 0)) {
            m = 1;
        }
        return new ColorScale(-m, m, colormap, label);
    }

    /** The 0xRRGGBB colour of {@code value}. */
    public int rgb(double value) {
        if (Double.isNaN(value)) {
            return NAN_RGB;
        }
        return colormap.rgb((value - vmin) / (vmax - vmin));
    }

    /** Percentile p (0-100) of sorted values, linearly interpolated between order statistics. */
    static double percentile(double[] sorted, double p) {
        double pos = p / 100 * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    private static double[] finiteSorted(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    }

    /** Limits that are usable even for a constant map. */
    private static ColorScale widened(double lo, double hi, Colormap colormap, String label) {
        if (hi > lo) {
            return new ColorScale(lo, hi, colormap, label);
        }
        double half = Math.max(Math.abs(lo) * 1e-3, 1e-12);
        return new ColorScale(lo - half, lo + half, colormap, label);
    }
}
