package org.massmap.theory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A convergence power spectrum given as a table (ℓ_i, C_ℓ,i), interpolated linearly in
 * (ln ℓ, ln C_ℓ).
 *
 * <ul>
 *   <li>Validation: at least 2 rows; ℓ finite, &gt; 0 and strictly increasing; C_ℓ finite and ≥ 0.
 *   <li>Between two rows of which one has C_ℓ = 0, interpolation is linear in C_ℓ against ln ℓ.
 *   <li>Below the first ℓ: C_ℓ is held constant at the first value (the prior never uses ℓ = 0,
 *       and the lowest non-zero mode of a 1.7° tile is ℓ ≈ 200).
 *   <li>Above the last ℓ: a power law C_ℓ = C_last (ℓ/ℓ_last)^s anchored at the last row, with s the
 *       least-squares slope of ln C_ℓ against ln ℓ over the last {@value #EXTRAPOLATION_POINTS} rows
 *       with C_ℓ &gt; 0 (s = 0 if fewer than 2 such rows). The first such request logs a warning
 *       (once per table), as docs/conventions.md, Power map, says; it is not an error.
 * </ul>
 * Read files with {@link #read(Path)} (text or FITS, see {@link ClTableReader}). Immutable apart
 * from the warn-once latch; thread-safe.
 */
public final class TabulatedConvergenceSpectrum implements ConvergenceSpectrum {
    /** Number of last rows the extrapolation slope is fitted to. */
    public static final int EXTRAPOLATION_POINTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(TabulatedConvergenceSpectrum.class);

    private final double[] ell;
    private final double[] cl;
    private final double[] lnEll;
    private final double[] lnCl;
    private final double slope;
    private final String source;
    private final Consumer<String> warnings;
    private final AtomicBoolean warned = new AtomicBoolean();

    /**
     * @param ell    multipoles, strictly increasing, &gt; 0
     * @param cl     C_ℓ values, finite and ≥ 0
     * @param source where the table comes from, for messages (e.g. a file name)
     * @throws IllegalArgumentException naming the first bad row
     */
    public TabulatedConvergenceSpectrum(double[] ell, double[] cl, String source) {
        this(ell, cl, source, LOG::warn);
    }

    TabulatedConvergenceSpectrum(double[] ell, double[] cl, String source, Consumer<String> warnings) {
        if (ell.length != cl.length) {
            throw new IllegalArgumentException("C_ell table " + source + ": " + ell.length + " ell values but "
                    + cl.length + " C_ell values");
        }
        String problem = problem(ell, cl, i -> "row " + (i + 1));
        if (problem != null) {
            throw new IllegalArgumentException("C_ell table " + source + ": " + problem);
        }
        this.ell = ell.clone();
        this.cl = cl.clone();
        this.source = source;
        this.warnings = warnings;
        int n = ell.length;
        lnEll = new double[n];
        lnCl = new double[n];
        for (int i = 0; i < n; i++) {
            lnEll[i] = Math.log(ell[i]);
            lnCl[i] = Math.log(cl[i]); // −∞ where C_ℓ = 0, never used for interpolation there
        }
        slope = fitSlope();
    }

    /** Reads a two-column text table or a FITS binary table; see {@link ClTableReader}. */
    public static TabulatedConvergenceSpectrum read(Path file) throws TheoryFileException {
        return ClTableReader.read(file, LOG::warn);
    }

    @Override
    public double cl(double l) {
        if (!(l >= 0 && Double.isFinite(l))) {
            throw new IllegalArgumentException("multipole ell = " + l + " must be finite and >= 0");
        }
        int n = ell.length;
        if (l <= ell[0]) {
            return cl[0];
        }
        if (l > ell[n - 1]) {
            if (warned.compareAndSet(false, true)) {
                warnings.accept(String.format(java.util.Locale.ROOT,
                        "C_ell table %s ends at ell = %.6g; ell = %.6g and above are extrapolated as a power law "
                                + "C_ell ~ ell^%.4f fitted to its last %d rows (warned once per table)",
                        source, ell[n - 1], l, slope, Math.min(EXTRAPOLATION_POINTS, n)));
            }
            return cl[n - 1] == 0 ? 0 : cl[n - 1] * Math.exp(slope * (Math.log(l) - lnEll[n - 1]));
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ell[mid] > l) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        double t = (Math.log(l) - lnEll[lo]) / (lnEll[hi] - lnEll[lo]);
        if (cl[lo] > 0 && cl[hi] > 0) {
            return Math.exp(lnCl[lo] + t * (lnCl[hi] - lnCl[lo])); // linear in (ln ℓ, ln C)
        }
        return cl[lo] + t * (cl[hi] - cl[lo]); // linear in (ln ℓ, C) next to a zero
    }

    /** Smallest tabulated ℓ. */
    public double minEll() {
        return ell[0];
    }

    /** Largest tabulated ℓ; above it the power-law extrapolation applies. */
    public double maxEll() {
        return ell[ell.length - 1];
    }

    /** The power-law index s used above {@link #maxEll()}. */
    public double extrapolationSlope() {
        return slope;
    }

    /** Copy of the tabulated ℓ. */
    public double[] ells() {
        return ell.clone();
    }

    /** Copy of the tabulated C_ℓ. */
    public double[] cls() {
        return cl.clone();
    }

    /** Where the table comes from. */
    public String source() {
        return source;
    }

    private double fitSlope() {
        int n = ell.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int i = Math.max(0, n - EXTRAPOLATION_POINTS); i < n; i++) {
            if (cl[i] > 0) {
                sx += lnEll[i];
                sy += lnCl[i];
                sxx += lnEll[i] * lnEll[i];
                sxy += lnEll[i] * lnCl[i];
                m++;
            }
        }
        if (m < 2) {
            return 0;
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx); // least-squares slope of ln C on ln ℓ
    }

    /** First validation problem with its fix, or null; {@code row} names row i in messages. */
    static String problem(double[] ell, double[] cl, IntFunction<String> row) {
        if (ell.length < 2) {
            return "has " + ell.length + " rows but at least 2 (ell, C_ell) rows are needed";
        }
        for (int i = 0; i < ell.length; i++) {
            if (!(ell[i] > 0 && Double.isFinite(ell[i]))) {
                return row.apply(i) + ": ell = " + ell[i] + " must be finite and > 0 for log-log interpolation"
                        + " (remove an ell = 0 row: the prior never uses the ell = 0 mode)";
            }
            if (i > 0 && !(ell[i] > ell[i - 1])) {
                return row.apply(i) + ": ell = " + ell[i] + " is not greater than the previous ell = " + ell[i - 1]
                        + "; rows must be sorted by strictly increasing ell";
            }
            if (!(cl[i] >= 0 && Double.isFinite(cl[i]))) {
                return row.apply(i) + ": C_ell = " + cl[i] + " must be finite and >= 0";
            }
        }
        return null;
    }
}
