package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/**
 * The Kaiser-Squires smoothing scale chosen on calibration realisations: in a constructed case whose
 * answer is known (the truth is the KS map smoothed at one candidate), and independent of the
 * validation truths it is then applied to.
 */
class KsCalibrationTest {
    static final TileGrid GRID = TileGrid.square(32, 1.0, new SkyPoint(0, 0));
    static final boolean[] MASK = new boolean[GRID.size()];

    static {
        Arrays.fill(MASK, 0, GRID.size() * 3 / 4, true);
    }

    /** A case whose truth is its noisy KS map smoothed at exactly {@code arcmin}: RMSE 0 at that candidate. */
    static KsCalibration.Case smoothedAt(double arcmin, long seed) {
        double[] ks = MapAgreementTest.noise(seed, 1);
        double[] truth = new GaussianSmoother(GRID.nx(), GRID.ny(), arcmin / GRID.pixelArcmin()).smooth(ks);
        return new KsCalibration.Case(GRID, ks, truth, MASK);
    }

    @Test
    void picksTheCandidateThatReproducesTheCalibrationTruths() {
        List<KsCalibration.Case> cases = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            cases.add(smoothedAt(2, seed));
        }
        KsCalibration k = KsCalibration.choose(cases);
        assertEquals(2.0, k.arcmin());
        assertEquals(3, k.realisations());
        int two = Arrays.binarySearch(k.candidates(), 2.0);
        assertTrue(k.meanRmse()[two] < 1e-9, "RMSE at 2′ " + k.meanRmse()[two]);
        // control: truths smoothed at 4′ move the choice
        assertEquals(4.0, KsCalibration.choose(List.of(smoothedAt(4, 1), smoothedAt(4, 2))).arcmin());
    }

    @Test
    void theScaleAppliedToValidationRealisationsDoesNotDependOnTheirTruths() {
        KsCalibration k = KsCalibration.choose(List.of(smoothedAt(2, 1), smoothedAt(2, 2)));
        KsCalibration.Case a = smoothedAt(4, 10);
        KsCalibration.Case b = smoothedAt(0.5, 11);
        // control: an oracle choice on each validation truth would pick their own scales
        assertEquals(4.0, SmoothedKs.best(GRID, a.ks(), a.truth(), MASK).arcmin());
        assertEquals(0.5, SmoothedKs.best(GRID, b.ks(), b.truth(), MASK).arcmin());
        SmoothedKs onA = k.apply(a);
        SmoothedKs onB = k.apply(b);
        assertEquals(2.0, onA.arcmin());
        assertEquals(2.0, onB.arcmin());
        assertEquals(SmoothedKs.at(GRID, a.ks(), a.truth(), MASK, 2).metrics(), onA.metrics());
        // changing a validation truth changes its score, not the scale
        KsCalibration.Case aChanged = new KsCalibration.Case(GRID, a.ks(), b.truth(), MASK);
        assertEquals(2.0, k.apply(aChanged).arcmin());
        assertFalse(k.apply(aChanged).metrics().equals(onA.metrics()));
    }

    @Test
    void calibrationSeedsAreAStreamApartFromTheValidationSeeds() {
        long study = 100;
        int validation = 1000;
        for (int c = 0; c < KsCalibration.REALISATIONS; c++) {
            long s = KsCalibration.seed(study, c);
            assertTrue(s < study || s >= study + validation, "calibration seed " + s + " is a validation seed");
            assertEquals(study + KsCalibration.SEED_OFFSET + c, s);
        }
        assertThrows(IllegalArgumentException.class, () -> KsCalibration.seed(study, -1));
        assertThrows(IllegalArgumentException.class, () -> KsCalibration.choose(List.of()));
    }
}
