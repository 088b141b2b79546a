package org.massmap.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.CatalogException;
import org.massmap.catalog.EllipticityConvention;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.RandomRotation;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.catalog.ShearProfile;
import org.massmap.catalog.TangentialShearStack;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Establishes a catalog's ellipticity convention from its data: for each candidate
 * {@link EllipticityConvention}, the E/B band powers of the binned Kaiser-Squires maps against
 * shape-noise-only realisations ({@link EbModePower}), and the tangential/cross shear stacked around
 * known mass concentrations ({@link TangentialShearStack}). The right convention puts the signal in
 * E and makes the stacked γ_t positive with γ_× consistent with zero (see
 * {@link EllipticityConvention} for what each wrong one does).
 *
 * @param grid             tile on which the E/B powers are measured
 * @param centres          lens positions for the stack
 * @param edgesArcmin      annulus edges of the stack, arcmin
 * @param bands            number of logarithmic ℓ bands
 * @param noiseRealisations randomly rotated copies of the catalog for the noise reference (≥ 2)
 * @param seed             seed of the rotations
 */
public record ConventionCheck(TileGrid grid, List<SkyPoint> centres, double[] edgesArcmin, int bands,
                              int noiseRealisations, long seed) {

    public ConventionCheck {
        centres = List.copyOf(centres);
        edgesArcmin = edgesArcmin.clone();
        if (bands < 1 || noiseRealisations < 2) {
            throw new IllegalArgumentException("need at least one ell band and two noise realisations, got " + bands
                    + " and " + noiseRealisations);
        }
    }

    @Override
    public double[] edgesArcmin() {
        return edgesArcmin.clone();
    }

    /** The statistics of one convention. */
    public record Result(EllipticityConvention convention, EbModePower eb, ShearProfile shear) {
    }

    /**
     * Runs both statistics for every convention of {@code conventions}.
     *
     * @param catalogValues every galaxy, with e1, e2 holding the catalog's two columns as stored
     *                      (read with no flips)
     * @throws CatalogException when no galaxy falls on the grid
     */
    public List<Result> run(GalaxyChunk catalogValues, List<EllipticityConvention> conventions) throws CatalogException {
        return run(catalogValues, conventions, noise(catalogValues));
    }

    /**
     * As {@link #run(GalaxyChunk, List)}, with the noise reference given.
     *
     * @param noise binnings of shape-noise-only copies of the catalog on the grid ({@link #noise})
     */
    public List<Result> run(GalaxyChunk catalogValues, List<EllipticityConvention> conventions, List<BinnedShear> noise)
            throws CatalogException {
        TangentialShearStack stack = new TangentialShearStack(centres, edgesArcmin);
        List<Result> out = new ArrayList<>(conventions.size());
        for (EllipticityConvention c : conventions) {
            GalaxyChunk sky = c.apply(catalogValues);
            TangentialShearStack.Sums sums = stack.newSums();
            stack.accumulate(sky, sums);
            out.add(new Result(c, EbModePower.of(bin(sky), noise, bands), stack.profile(sums)));
        }
        return out;
    }

    /** The binnings of {@code noiseRealisations} randomly rotated copies of the catalog, seeded by {@code seed}. */
    public List<BinnedShear> noise(GalaxyChunk catalogValues) throws CatalogException {
        List<BinnedShear> noise = new ArrayList<>(noiseRealisations);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < noiseRealisations; r++) {
            noise.add(bin(RandomRotation.of(catalogValues, rng)));
        }
        return noise;
    }

    /** The catalog (in any convention) binned on the grid, σ_e measured. */
    public BinnedShear bin(GalaxyChunk sky) throws CatalogException {
        ShearBinner binner = new ShearBinner(grid);
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(sky, acc);
        return binner.finish(acc, ShapeNoise.measured());
    }

    /**
     * Markdown tables of {@code results}: per convention, P_E/P_B and the E and B excesses over the
     * noise per ℓ band (and, if {@code pureE} is not null, the excesses a simulated pure-E signal
     * gives); then γ_t and γ_× (± the larger of the shape-noise and jackknife errors) per annulus and
     * over all annuli.
     */
    public static String markdown(List<Result> results, EbModePower.PureE pureE) {
        StringBuilder s = new StringBuilder();
        EbModePower first = results.get(0).eb();
        s.append("E/B band powers: P_E/P_B, and (P_E − N)/σ_N | (P_B − N)/σ_N, with N and σ_N the mean and scatter of the band power of ")
                .append(first.noiseMaps()).append(" shape-noise-only maps\n\n| convention | | ℓ =");
        for (double l : first.ell()) {
            s.append(String.format(Locale.ROOT, " %.0f |", l));
        }
        s.append("\n|---|---").append("|---".repeat(first.bands())).append("|\n");
        for (Result r : results) {
            s.append("| ").append(r.convention().label()).append(" ").append(r.convention().settings()).append(" | P_E/P_B");
            for (int b = 0; b < r.eb().bands(); b++) {
                s.append(String.format(Locale.ROOT, " | %.2f", r.eb().ratio(b)));
            }
            s.append(" |\n| | excess E \\| B");
            for (int b = 0; b < r.eb().bands(); b++) {
                s.append(String.format(Locale.ROOT, " | %+.1f \\| %+.1f", r.eb().excessE(b), r.eb().excessB(b)));
            }
            s.append(" |\n");
        }
        if (pureE != null) {
            s.append("| simulated pure E (").append(pureE.realisations()).append(" fields) | excess E \\| B");
            for (int b = 0; b < pureE.ell().length; b++) {
                s.append(String.format(Locale.ROOT, " | %+.1f±%.1f \\| %+.1f±%.1f", pureE.meanExcessE()[b],
                        pureE.stdExcessE()[b], pureE.meanExcessB()[b], pureE.stdExcessB()[b]));
            }
            s.append(" |\n");
        }
        ShearProfile p0 = results.get(0).shear();
        s.append("\nStacked shear around ").append(p0.centresUsed()).append(" of ").append(p0.centres())
                .append(" centres: γ_t ± error, γ_× ± error (×10³; error = larger of shape-noise and jackknife)\n\n| convention");
        for (ShearProfile.Bin b : p0.bins()) {
            s.append(String.format(Locale.ROOT, " | %.3g–%.3g′", b.rMinArcmin(), b.rMaxArcmin()));
        }
        s.append(" | all |\n|---").append("|---".repeat(p0.bins().size() + 1)).append("|\n");
        for (Result r : results) {
            s.append("| ").append(r.convention().label()).append(" γ_t");
            for (ShearProfile.Bin b : r.shear().bins()) {
                s.append(String.format(Locale.ROOT, " | %+.2f ± %.2f", 1e3 * b.gammaT(), 1e3 * b.errorT()));
            }
            ShearProfile.Bin t = r.shear().total();
            s.append(String.format(Locale.ROOT, " | %+.2f ± %.2f |\n| γ_×", 1e3 * t.gammaT(), 1e3 * t.errorT()));
            for (ShearProfile.Bin b : r.shear().bins()) {
                s.append(String.format(Locale.ROOT, " | %+.2f ± %.2f", 1e3 * b.gammaX(), 1e3 * b.errorX()));
            }
            s.append(String.format(Locale.ROOT, " | %+.2f ± %.2f |\n", 1e3 * t.gammaX(), 1e3 * t.errorX()));
        }
        return s.toString();
    }
}
