package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.stats.PowerSpectrumEstimator;

class LognormalFieldGeneratorTest {

    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 30000.0);
    }

    @Test
    void powerSpectrumMatchesTheTargetAndSkewnessIsPositive() {
        TileGrid grid = TileGrid.square(64, 1.0, new SkyPoint(0, 0));
        PowerMap p = PowerMap.fromCl(grid, LognormalFieldGeneratorTest::cl);
        double sigma = Math.sqrt(p.pixelVariance());
        LognormalFieldGenerator gen = new LognormalFieldGenerator(p, 1.5 * sigma);
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(grid, 8);
        Random rng = new Random(12);
        int draws = 300;
        double[] mean = new double[8];
        double m3 = 0;
        double m2 = 0;
        double min = 0;
        for (int d = 0; d < draws; d++) {
            double[] k = gen.draw(rng);
            double[] c = est.estimate(k);
            for (int b = 0; b < 8; b++) {
                mean[b] += c[b] / draws;
            }
            for (double v : k) {
                m2 += v * v;
                m3 += v * v * v;
                min = Math.min(min, v);
            }
        }
        double[] expected = est.expected(p);
        for (int b = 0; b < 8; b++) {
            assertEquals(1.0, mean[b] / expected[b], 0.05, "bin " + b);
        }
        int n = draws * 64 * 64;
        double skew = (m3 / n) / Math.pow(m2 / n, 1.5);
        // shifted lognormal: skewness = 3 s/λ + (s/λ)^3 with s the rms; here s/λ = 2/3
        double r = 1 / 1.5;
        assertEquals(3 * r + r * r * r, skew, 0.25);
        assertTrue(min > -1.5 * sigma * 1.05, "lognormal maps cannot go below -shift (up to the mean removal)");
    }

    @Test
    void gaussianFieldsHaveNoSkewness() {
        TileGrid grid = TileGrid.square(64, 1.0, new SkyPoint(0, 0));
        PowerMap p = PowerMap.fromCl(grid, LognormalFieldGeneratorTest::cl);
        GaussianFieldGenerator gen = new GaussianFieldGenerator(p);
        Random rng = new Random(1);
        double m2 = 0;
        double m3 = 0;
        for (int d = 0; d < 100; d++) {
            for (double v : gen.draw(rng)) {
                m2 += v * v;
                m3 += v * v * v;
            }
        }
        assertEquals(0.0, m3 / Math.pow(m2, 1.5) * Math.sqrt(100 * 64 * 64), 0.2);
    }

    @Test
    void tooSmallShiftIsRejected() {
        TileGrid grid = TileGrid.square(32, 1.0, new SkyPoint(0, 0));
        PowerMap p = PowerMap.fromCl(grid, LognormalFieldGeneratorTest::cl);
        assertThrows(IllegalArgumentException.class, () -> new LognormalFieldGenerator(p, 1e-6));
    }
}
