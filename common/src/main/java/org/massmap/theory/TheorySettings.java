package org.massmap.theory;

/**
 * Everything that defines a theory convergence power spectrum, validated on construction.
 *
 * @param cosmology cosmological parameters
 * @param transfer  linear transfer function
 * @param nonLinear non-linear correction
 * @param sources   source redshift distribution
 * @param ellMin    smallest tabulated multipole, &gt; 0 (below it C_ℓ is held constant)
 * @param ellMax    largest tabulated multipole (above it C_ℓ is extrapolated with a warning);
 *                  the pixel-windowed prior evaluates C_ℓ up to 2π√2(N + ½)/Δ with N = 3 aliases
 *                  ({@code org.massmap.prior.PixelWindow}): 1.07×10⁵ at 1′, 3.7×10⁵ at 0.29′
 * @param ellCount  number of log-spaced multipoles tabulated, ≥ 2
 */
public record TheorySettings(CosmologyParams cosmology, TransferFunction transfer, NonLinear nonLinear,
                             SourceDistribution sources, double ellMin, double ellMax, int ellCount)
        implements java.io.Serializable {
    /** Default smallest tabulated ℓ. */
    public static final double DEFAULT_ELL_MIN = 1;
    /** Default largest tabulated ℓ: above 2π√2·3.5/Δ, the pixel-windowed prior's reach, for pixels down to 0.27 arcmin. */
    public static final double DEFAULT_ELL_MAX = 4e5;
    /** Tabulated multipoles per decade of ℓ. */
    public static final int POINTS_PER_DECADE = 64;
    /** Default number of tabulated ℓ: {@value #POINTS_PER_DECADE} per decade over [1, 4×10⁵]. */
    public static final int DEFAULT_ELL_COUNT = 360;

    public TheorySettings {
        if (cosmology == null || transfer == null || nonLinear == null || sources == null) {
            throw new IllegalArgumentException("theory settings need a cosmology, a transfer function, a non-linear"
                    + " mode and a source distribution (one of them is null)");
        }
        if (!(ellMin > 0 && Double.isFinite(ellMin))) {
            throw new IllegalArgumentException("ellMin = " + ellMin + " must be finite and > 0");
        }
        if (!(ellMax > ellMin && Double.isFinite(ellMax))) {
            throw new IllegalArgumentException("ellMax = " + ellMax + " must be finite and > ellMin = " + ellMin);
        }
        if (ellCount < 2) {
            throw new IllegalArgumentException("ellCount = " + ellCount + " must be >= 2");
        }
    }

    /**
     * Defaults for the given sources: {@link CosmologyParams#fiducial()}, Eisenstein &amp; Hu with
     * wiggles, Halofit, ℓ from {@value #DEFAULT_ELL_MIN} to 4×10⁵ with {@value #DEFAULT_ELL_COUNT} points.
     */
    public static TheorySettings defaults(SourceDistribution sources) {
        return new TheorySettings(CosmologyParams.fiducial(), TransferFunction.EISENSTEIN_HU, NonLinear.HALOFIT,
                sources, DEFAULT_ELL_MIN, DEFAULT_ELL_MAX, DEFAULT_ELL_COUNT);
    }

    /** Copy with another cosmology. */
    public TheorySettings withCosmology(CosmologyParams c) {
        return new TheorySettings(c, transfer, nonLinear, sources, ellMin, ellMax, ellCount);
    }

    /** Copy with another transfer function and non-linear mode. */
    public TheorySettings withPower(TransferFunction t, NonLinear nl) {
        return new TheorySettings(cosmology, t, nl, sources, ellMin, ellMax, ellCount);
    }

    /** Number of log-spaced multipoles giving {@value #POINTS_PER_DECADE} per decade over [min, max]. */
    public static int ellCount(double min, double max) {
        return Math.max(2, (int) Math.ceil(POINTS_PER_DECADE * Math.log10(max / min)) + 1);
    }

    /** Copy with another tabulated ℓ range. */
    public TheorySettings withEllRange(double min, double max, int count) {
        return new TheorySettings(cosmology, transfer, nonLinear, sources, min, max, count);
    }
}
