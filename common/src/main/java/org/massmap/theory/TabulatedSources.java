package org.massmap.theory;

import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * Source distribution tabulated at increasing redshifts z_i: n(z) is linear between points (so the
 * normalisation ∫ n dz is the exact trapezoid sum) and zero outside [z_0, z_last]. Typically read
 * from a two-column text file of histogram-bin centres and counts. Immutable.
 */
public final class TabulatedSources implements SourceDistribution, RedshiftDensity {
    private final double[] z;
    private final double[] n;
    private final String origin;

    private TabulatedSources(double[] z, double[] n, String origin) {
        this.z = z;
        this.n = n;
        this.origin = origin;
    }

    static TabulatedSources of(double[] z, double[] n, String origin) {
        if (z.length != n.length) {
            throw new IllegalArgumentException(origin + ": " + z.length + " redshifts but " + n.length + " densities");
        }
        String problem = problem(z, n, i -> "point " + (i + 1));
        if (problem != null) {
            throw new IllegalArgumentException(origin + ": " + problem);
        }
        return normalised(z.clone(), n.clone(), origin);
    }

    static TabulatedSources read(Path file) throws TheoryFileException {
        TwoColumnText t = TwoColumnText.read(file, "n(z) file");
        String problem = problem(t.x(), t.y(), i -> "line " + t.lines()[i]);
        if (problem != null) {
            throw new TheoryFileException("n(z) file " + file + ": " + problem);
        }
        return normalised(t.x(), t.y(), "file:" + file);
    }

    /** The tabulated redshifts z_i. */
    public double[] redshifts() {
        return z.clone();
    }

    /** The normalised n(z_i). */
    public double[] densities() {
        return n.clone();
    }

    @Override
    public double density(double zz) {
        if (zz < z[0] || zz > z[z.length - 1]) {
            return 0;
        }
        int lo = 0;
        int hi = z.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (z[mid] > zz) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double t = (zz - z[lo]) / (z[hi] - z[lo]);
        return n[lo] + t * (n[hi] - n[lo]);
    }

    @Override
    public double[] knots() {
        return z.clone();
    }

    @Override
    public double maxRedshift() {
        return z[z.length - 1];
    }

    @Override
    public String describe() {
        return origin;
    }

    private static TabulatedSources normalised(double[] z, double[] n, String origin) {
        double integral = trapezoid(z, n);
        for (int i = 0; i < n.length; i++) {
            n[i] /= integral;
        }
        return new TabulatedSources(z, n, origin);
    }

    private static double trapezoid(double[] z, double[] n) {
        double s = 0;
        for (int i = 1; i < z.length; i++) {
            s += 0.5 * (n[i] + n[i - 1]) * (z[i] - z[i - 1]); // exact for piecewise-linear n(z)
        }
        return s;
    }

    /** First validation problem, with the fix, or null; {@code row} names row i for messages. */
    private static String problem(double[] z, double[] n, IntFunction<String> row) {
        if (z.length < 2) {
            return "has " + z.length + " rows but at least 2 (z, n(z)) rows are needed";
        }
        for (int i = 0; i < z.length; i++) {
            if (!Double.isFinite(z[i]) || z[i] < 0 || z[i] > Background.MAX_REDSHIFT) {
                return row.apply(i) + ": z = " + z[i] + " is outside the supported range [0, "
                        + Background.MAX_REDSHIFT + "]";
            }
            if (i > 0 && !(z[i] > z[i - 1])) {
                return row.apply(i) + ": z = " + z[i] + " is not greater than the previous z = " + z[i - 1]
                        + "; rows must be sorted by strictly increasing z";
            }
            if (!Double.isFinite(n[i]) || n[i] < 0) {
                return row.apply(i) + ": n(z) = " + n[i] + " must be finite and >= 0";
            }
        }
        double integral = trapezoid(z, n);
        if (!(integral > 0 && Double.isFinite(integral))) {
            return "n(z) integrates to " + integral + "; it needs at least one positive value";
        }
        return null;
    }
}
