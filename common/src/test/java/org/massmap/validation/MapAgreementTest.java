package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/** Scale-by-scale agreement and paired tests, on maps and metrics whose answers are known. */
class MapAgreementTest {
    static final TileGrid GRID = TileGrid.square(32, 1.0, new SkyPoint(0, 0));

    static double[] noise(long seed, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[GRID.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = sigma * (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2;
        }
        return m;
    }

    @Test
    void aScaledCopyIsPerfectlyCorrelatedAndAPureNoiseIsNot() {
        double[] truth = new GaussianSmoother(32, 32, 2).smooth(noise(1, 1));
        double[] scaled = truth.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.5;
        }
        MapAgreement same = MapAgreement.of(GRID, scaled, truth, null, null, List.of(0.0, 2.0), 4);
        for (double r : same.crossCorrelation()) {
            assertEquals(1, r, 1e-9, "phases identical at every scale");
        }
        assertEquals(1, same.pearson()[0], 1e-9);
        assertTrue(same.rmse()[0] > 0, "the amplitude is wrong even though r = 1");

        MapAgreement unrelated = MapAgreement.of(GRID, noise(2, 1), truth, null, null, List.of(0.0), 4);
        for (double r : unrelated.crossCorrelation()) {
            assertTrue(Math.abs(r) < 0.5, "independent maps: r(ℓ) = " + r);
        }
    }

    @Test
    void smallScaleNoiseLowersOnlyTheHighEllCorrelation() {
        double[] truth = new GaussianSmoother(32, 32, 3).smooth(noise(3, 10));
        double[] estimate = truth.clone();
        double[] white = noise(4, 0.2);
        for (int i = 0; i < estimate.length; i++) {
            estimate[i] += white[i];
        }
        MapAgreement a = MapAgreement.of(GRID, estimate, truth, null, null, List.of(0.0, 4.0), 4);
        double[] r = a.crossCorrelation();
        assertTrue(r[0] > 0.95 && r[r.length - 1] < r[0] - 0.2, java.util.Arrays.toString(r));
        assertTrue(a.pearson()[1] > a.pearson()[0], "smoothing removes the small-scale noise");
    }

    @Test
    void pairedTestsSeeAConsistentWinAndNotAnEvenSplit() {
        double[] a = new double[20];
        double[] b = new double[20];
        double[] c = new double[20];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            b[i] = 1 + rng.nextDouble();
            a[i] = b[i] - 0.05 - 0.01 * rng.nextDouble(); // a always a little lower
            c[i] = b[i] + (i % 2 == 0 ? 0.05 : -0.05) + 0.001 * i; // c as often above as below
        }
        PairedComparison win = PairedComparison.of(a, b);
        assertEquals(20, win.aLower());
        assertTrue(win.meanDifference() < 0 && win.tTestP() < 1e-6 && win.wilcoxonP() < 1e-3, win.toString());
        PairedComparison tie = PairedComparison.of(c, b);
        assertTrue(tie.tTestP() > 0.05 && tie.wilcoxonP() > 0.05, tie.toString());
    }
}
