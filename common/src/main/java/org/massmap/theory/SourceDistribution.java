package org.massmap.theory;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Redshift distribution of the lensed source galaxies: a single source plane, a Gaussian, or a
 * tabulated n(z). Continuous distributions are normalised to ∫ n(z) dz = 1 on construction.
 *
 * <p>Command-line syntax ({@link #parse(String)}): {@code plane:ZS}, {@code gaussian:MEAN,SIGMA} or
 * {@code file:PATH}, e.g. {@code plane:1.0}, {@code gaussian:0.9,0.3}, {@code file:nz.txt}.
 */
public sealed interface SourceDistribution extends java.io.Serializable permits SourcePlane, GaussianSources, TabulatedSources {

    /** Largest redshift with n(z) &gt; 0; the Limber integral runs to χ of this redshift. */
    double maxRedshift();

    /** Text form, in the {@link #parse(String)} syntax where possible, for headers and logs. */
    String describe();

    /** All sources at redshift zs, 0 &lt; zs ≤ {@link Background#MAX_REDSHIFT}. */
    static SourceDistribution plane(double zs) {
        return new SourcePlane(zs);
    }

    /** Gaussian n(z) ∝ exp(−(z − mean)²/(2 sigma²)) truncated to z ≥ 0 (and to mean ± 8 sigma). */
    static SourceDistribution gaussian(double mean, double sigma) {
        return new GaussianSources(mean, sigma);
    }

    /** n(z) tabulated at increasing z, linear between points and zero outside them. */
    static SourceDistribution tabulated(double[] z, double[] n) {
        return TabulatedSources.of(z, n, "tabulated n(z)");
    }

    /**
     * n(z) from a two-column text file (z, n(z)); '#' starts a comment. Validated (z finite, ≥ 0 and
     * strictly increasing; n finite and ≥ 0; positive integral) and normalised.
     */
    static SourceDistribution fromFile(Path file) throws TheoryFileException {
        return TabulatedSources.read(file);
    }

    /**
     * Parses {@code plane:ZS}, {@code gaussian:MEAN,SIGMA} or {@code file:PATH} (kind case-insensitive).
     *
     * @throws IllegalArgumentException for a malformed specification or invalid numbers
     * @throws TheoryFileException      if a {@code file:} distribution cannot be read or is invalid
     */
    static SourceDistribution parse(String spec) throws TheoryFileException {
        String syntax = "; expected plane:ZS, gaussian:MEAN,SIGMA or file:PATH (e.g. plane:1.0, gaussian:0.9,0.3)";
        if (spec == null) {
            throw new IllegalArgumentException("source distribution is missing" + syntax);
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("source distribution '" + spec + "' has no kind" + syntax);
        }
        String kind = spec.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String args = spec.substring(colon + 1).strip();
        switch (kind) {
            case "plane": {
                return plane(number(args, spec, "ZS", syntax));
            }
            case "gaussian": {
                String[] parts = args.split(",");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("source distribution '" + spec
                            + "' needs two numbers MEAN,SIGMA" + syntax);
                }
                return gaussian(number(parts[0], spec, "MEAN", syntax), number(parts[1], spec, "SIGMA", syntax));
            }
            case "file": {
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("source distribution '" + spec + "' has no PATH" + syntax);
                }
                return fromFile(Path.of(args));
            }
            default:
                throw new IllegalArgumentException("source distribution '" + spec + "' has unknown kind '" + kind + "'"
                        + syntax);
        }
    }

    private static double number(String s, String spec, String name, String syntax) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("source distribution '" + spec + "': " + name + " = '" + s.strip()
                    + "' is not a number" + syntax, e);
        }
    }
}
