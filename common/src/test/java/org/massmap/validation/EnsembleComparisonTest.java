package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.sim.LognormalFieldGenerator;

class EnsembleComparisonTest {
    private static final TileGrid GRID = TileGrid.square(64, 1.0, new SkyPoint(0, 0));
    private static final PowerMap POWER = PowerMap.fromCl(GRID, l -> 2e-9 * Math.pow(1 + l / 1000.0, -1.2));

    private static List<double[]> gaussian(long seed, int n, double scale) {
        GaussianFieldGenerator g = new GaussianFieldGenerator(POWER);
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] m = g.draw(rng);
            for (int j = 0; j < m.length; j++) {
                m[j] *= scale;
            }
            out.add(m);
        }
        return out;
    }

    /** Peak thresholds in units of the reference field's own smoothed std, so they cut into the peak distribution. */
    private static EnsembleComparison compare(List<double[]> a, List<double[]> b) {
        double[] scales = {2, 4};
        double[] noise = new double[2];
        for (int s = 0; s < 2; s++) {
            noise[s] = OnePoint.of(new org.massmap.lensing.GaussianSmoother(64, 64, scales[s]).smooth(b.get(0)), null).std();
        }
        return EnsembleComparison.of(GRID, a, b, 6, scales, noise, new double[] {1, 2, 3});
    }

    @Test
    void twoEnsemblesOfOneFieldAgreeWithinTheirErrors() {
        EnsembleComparison c = compare(gaussian(1, 40, 1), gaussian(2, 40, 1));
        for (int b = 0; b < c.powerRatio().length; b++) {
            assertEquals(1, c.powerRatio()[b], 4 * c.powerRatioErr()[b], "band " + b);
            assertTrue(c.powerRatioErr()[b] > 0 && c.powerRatioErr()[b] < 0.3, "band " + b + " error " + c.powerRatioErr()[b]);
        }
        assertEquals(c.skewness()[1], c.skewness()[0], 4 * Math.hypot(c.skewnessErr()[0], c.skewnessErr()[1]));
        for (EnsembleComparison.PeakCounts p : c.peaks()) {
            for (int t = 0; t < p.nu().length; t++) {
                if (p.reference()[t] > 5) {
                    assertEquals(1, p.ratio(t), 4 * p.ratioErr(t), p.smoothingArcmin() + "' nu " + p.nu()[t]);
                }
            }
        }
        double total = 0;
        for (double f : c.pdf()[0]) {
            total += f;
        }
        assertEquals(1, total, 1e-9, "the PDF bins cover every pixel");
        assertEquals(c.pdf()[1][4], c.pdf()[0][4], 0.01, "same fraction of pixels in [0, 1) sigma");
    }

    @Test
    void anEnsembleWithTwiceTheAmplitudeOrASkewedFieldIsSeen() {
        EnsembleComparison c = compare(gaussian(1, 40, 2), gaussian(2, 40, 1));
        for (int b = 0; b < c.powerRatio().length; b++) {
            assertEquals(4, c.powerRatio()[b], 4 * c.powerRatioErr()[b], "band " + b);
        }
        assertTrue(c.peaks().get(0).ratio(2) > 2, "many more high peaks in the louder field");
        LognormalFieldGenerator ln = new LognormalFieldGenerator(POWER, 0.01);
        SplittableRandom rng = new SplittableRandom(3);
        List<double[]> skewed = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            skewed.add(ln.draw(rng));
        }
        EnsembleComparison s = compare(skewed, gaussian(2, 40, 1));
        assertTrue(s.skewness()[0] > s.skewness()[1] + 10 * s.skewnessErr()[0], "lognormal skewness " + s.skewness()[0]);
        for (int b = 0; b < s.powerRatio().length; b++) {
            assertEquals(1, s.powerRatio()[b], 4 * s.powerRatioErr()[b], "same two-point function, band " + b);
        }
    }
}
