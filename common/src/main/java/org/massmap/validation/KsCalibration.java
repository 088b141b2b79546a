package org.massmap.validation;

import java.util.List;
import org.massmap.catalog.BinnedShear;
import org.massmap.grid.TileGrid;
import org.massmap.io.SkyMap;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.sim.MockSurvey;
import org.massmap.survey.TruthMaps;

/**
 * The validation study's Kaiser-Squires smoothing scale, chosen once on calibration realisations that
 * are not the study's validation realisations and then applied to every validation realisation (so the
 * baseline gets no oracle choice against the truth it is scored on). The candidates and the criterion
 * are those of {@link SmoothedKs#best}: among {@link ValidationReport#KS_SMOOTHING_ARCMIN}, the scale of
 * least RMSE against the truth inside the observed mask, here averaged over the calibration
 * realisations (the first of equal ones).
 *
 * <p>Seeds: validation realisation r of a study with seed S is drawn with seed S + r; calibration
 * realisation c with {@link #seed seed(S, c)} = S + {@link #SEED_OFFSET} + c, a separate stream that
 * meets the validation seeds only for more than 2⁴⁰ realisations.
 *
 * @param arcmin        the chosen smoothing scale (Gaussian σ), arcmin
 * @param realisations  calibration realisations it was chosen on
 * @param candidates    the candidate scales, arcmin
 * @param meanRmse      mean RMSE over the calibration realisations at each candidate
 */
public record KsCalibration(double arcmin, int realisations, double[] candidates, double[] meanRmse) {
    /** Calibration realisations the study draws. */
    public static final int REALISATIONS = 4;
    /** Offset of the calibration seed stream from the study seed. */
    public static final long SEED_OFFSET = 1L << 40;

    /**
     * One calibration realisation: the Kaiser-Squires map, the truth and the mask on the study tile.
     *
     * @param truth the truth on the tile (NaN where unknown)
     * @param mask  observed pixels
     */
    public record Case(TileGrid grid, double[] ks, double[] truth, boolean[] mask) {

        /** The unsmoothed Kaiser-Squires E-mode map of {@code binned} and the mock's truth on its tile. */
        public static Case of(MockSurvey mock, BinnedShear binned) {
            TileGrid grid = binned.grid();
            double[] truth = TruthMaps.onGrid(SkyMap.of("TRUTH", mock.grid(), mock.truthKappa()), grid);
            return new Case(grid, KaiserSquiresMaps.of(binned, 0).kappaE(), truth, binned.mask());
        }
    }

    /** Seed of calibration realisation {@code c} (0-based) of a study with seed {@code studySeed}. */
    public static long seed(long studySeed, int c) {
        if (c < 0) {
            throw new IllegalArgumentException("calibration realisation index must be >= 0, got " + c);
        }
        return studySeed + SEED_OFFSET + c;
    }

    /** The candidate of least mean RMSE over {@code cases} (at least one). */
    public static KsCalibration choose(List<Case> cases) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("the Kaiser-Squires smoothing scale needs at least one calibration realisation");
        }
        double[] candidates = ValidationReport.KS_SMOOTHING_ARCMIN.clone();
        double[] mean = new double[candidates.length];
        int best = 0;
        for (int k = 0; k < candidates.length; k++) {
            for (Case c : cases) {
                mean[k] += SmoothedKs.at(c.grid(), c.ks(), c.truth(), c.mask(), candidates[k]).metrics().rmse() / cases.size();
            }
            if (mean[k] < mean[best]) {
                best = k;
            }
        }
        return new KsCalibration(candidates[best], cases.size(), candidates, mean);
    }

    /** {@code c}'s Kaiser-Squires map smoothed at the chosen scale and scored against its truth. */
    public SmoothedKs apply(Case c) {
        return SmoothedKs.at(c.grid(), c.ks(), c.truth(), c.mask(), arcmin);
    }
}
