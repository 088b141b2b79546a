package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power spectra over realisations: a ratio of averages, not a mean of ratios. */
class StudySpectraTest {

    static BandPowers powers(double area, double effective, double[] truth, Map<String, double[]> estimates) {
        return new BandPowers(new double[] {100, 1000}, area, effective, truth, estimates);
    }

    @Test
    void theRatioIsOfTheAveragesOverRealisations() {
        // realisation 1: truth 1, estimate 2 (ratio 2); realisation 2: truth 3, estimate 2 (ratio 2/3).
        // Mean of ratios 1.33, ratio of averages 4 / 4 = 1.
        BandPowers a = powers(0.7, 0.6, new double[] {1, 2}, Map.of("x", new double[] {2, 1}));
        BandPowers b = powers(0.8, 0.7, new double[] {3, 2}, Map.of("x", new double[] {2, 3}));
        StudySpectra s = StudySpectra.of(List.of(a, b), List.of("x"));
        assertArrayEquals(new double[] {1.0, 1.0}, s.ratio().get("x"), 1e-15);
        double meanOfRatios = (2.0 / 1 + 2.0 / 3) / 2;
        assertTrue(Math.abs(meanOfRatios - s.ratio().get("x")[0]) > 0.3, "control: the two averages differ here");
        assertEquals(0.75, s.areaFraction(), 1e-15);
        assertEquals(0.65, s.effectiveAreaFraction(), 1e-15);
        assertEquals(2, s.realisations());
    }

    @Test
    void theTableStatesBothAreaFractionsAndHoldsTheRatios() {
        BandPowers a = powers(0.25, 0.2012, new double[] {1, 2}, Map.of("x", new double[] {2, 1}));
        String md = StudySpectra.of(List.of(a), List.of("x")).markdown(List.of("column x"));
        assertTrue(md.contains("covers 0.250 of the tile's pixels (area fraction)"), md);
        assertTrue(md.contains("the window's mean w² is 0.201 (effective area fraction"), md);
        assertTrue(md.contains("| ℓ | column x |\n|---|---|\n| 100 | 2.00 |\n| 1000 | 0.50 |\n"), md);
    }

    @Test
    void aRealisationWithoutAnEstimateIsRefused() {
        BandPowers a = powers(1, 1, new double[] {1, 2}, Map.of("x", new double[] {2, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudySpectra.of(List.of(a), List.of("y")));
        assertTrue(e.getMessage().contains("y"), e.getMessage());
    }
}
