package org.massmap.io.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick positions and labels for linear and logarithmic axes; package-private. */
final class Ticks {

    /** A tick: data value, label (empty for minor ticks). */
    record Tick(double value, String label) {
        boolean major() {
            return !label.isEmpty();
        }
    }

    private Ticks() {
    }

    /** About {@code target} ticks at 1, 2 or 5 times a power of ten, within [lo, hi]. */
    static List<Tick> linear(double lo, double hi, int target) {
        double step = niceStep((hi - lo) / Math.max(1, target));
        List<Tick> ticks = new ArrayList<>();
        double eps = step * 1e-9;
        for (long k = (long) Math.ceil((lo - eps) / step); k * step <= hi + eps; k++) {
            double v = k * step;
            ticks.add(new Tick(v, format(v, step)));
        }
        return ticks;
    }

    /**
     * Decade ticks (labelled) with unlabelled 2..9 minor ticks, for a log axis over [lo, hi]
     * (both positive). Spans of less than two decades also label the 2 and 5 ticks.
     */
    static List<Tick> log(double lo, double hi) {
        List<Tick> ticks = new ArrayList<>();
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        boolean labelMinor = last - first <= 2;
        for (int d = first; d <= last; d++) {
            double decade = Math.pow(10, d);
            for (int m = 1; m <= 9; m++) {
                double v = m * decade;
                if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) {
                    continue;
                }
                boolean labelled = m == 1 || labelMinor && (m == 2 || m == 5);
                ticks.add(new Tick(v, labelled ? formatLog(m, d) : ""));
            }
        }
        return ticks;
    }

    /** A step of 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    /** {@code v} with as many decimals as {@code step} needs; scientific for very small or large numbers. */
    static String format(double v, double step) {
        if (Math.abs(v) < step * 1e-6) {
            return "0";
        }
        double mag = Math.max(Math.abs(v), step);
        if (mag >= 1e5 || step < 1e-4) {
            int exp = (int) Math.floor(Math.log10(mag));
            int decimals = Math.max(0, Math.min(6, exp - (int) Math.floor(Math.log10(step) + 1e-9)));
            return String.format(Locale.ROOT, "%." + decimals + "fe%d", v / Math.pow(10, exp), exp);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String formatLog(int mantissa, int exponent) {
        if (exponent >= -3 && exponent <= 4) {
            return BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros().toPlainString();
        }
        return (mantissa == 1 ? "" : mantissa + "×") + "1e" + exponent;
    }
}
