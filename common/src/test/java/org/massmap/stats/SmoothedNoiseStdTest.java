package org.massmap.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/** The exact σ_S against the noise-only realisations it replaces. */
class SmoothedNoiseStdTest {
    private static final TileGrid GRID = TileGrid.square(32, 1.0, new SkyPoint(150, 2));
    private static final ClusterSettings SETTINGS = new ClusterSettings(2.0, 3.0, 2.0, 0.1, 32);

    /** A mask with an unobserved band and hole, and a noise that varies across the tile. */
    private static boolean[] mask() {
        boolean[] m = new boolean[GRID.size()];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                m[y * 32 + x] = x < 26 && Math.hypot(x - 10, y - 12) > 3;
            }
        }
        return m;
    }

    private static double[] noise() {
        double[] s = new double[GRID.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = 0.05 * (1 + 0.5 * Math.sin(i * 0.37));
        }
        return s;
    }

    @Test
    void agreesWithManyNoiseOnlyRealisationsWhileThirtyTwoScatterByTheirExpectedThirteenPerCent() {
        boolean[] mask = mask();
        double[] sigma = noise();
        double[] exact = SmoothedNoiseStd.of(GRID, SETTINGS, sigma, mask);
        int many = 3000;
        double[] estimate = ClusterDetector.noiseStd(NoiseOnlyMaps.draw(32, 32, sigma, mask, many, new SplittableRandom(1)),
                ClusterDetector.smoother(GRID, SETTINGS));
        double worst = 0;
        double mean = 0;
        for (int i = 0; i < exact.length; i++) {
            double q = estimate[i] / exact[i];
            worst = Math.max(worst, Math.abs(q - 1));
            mean += q / exact.length;
        }
        // 3000 realisations: 1.3% per pixel, so ≤ ~5% at the worst of 1024 pixels; the mean to ≪ 1%
        assertEquals(1, mean, 0.005);
        assertTrue(worst < 0.06, "worst pixel " + worst);
        // control: the product's 32 realisations scatter by ≈ 1/√(2·31) = 0.127 per pixel
        List<double[]> few = NoiseOnlyMaps.draw(32, 32, sigma, mask, 32, new SplittableRandom(2));
        double[] product = ClusterDetector.noiseStd(few, ClusterDetector.smoother(GRID, SETTINGS));
        double ss = 0;
        for (int i = 0; i < exact.length; i++) {
            ss += Math.pow(product[i] / exact[i] - 1, 2);
        }
        double rms = Math.sqrt(ss / exact.length);
        assertEquals(0.127, rms, 0.04, "rms scatter of the 32-map estimate");
    }

    @Test
    void scalesWithTheNoiseAndVanishesFarFromObservedPixels() {
        boolean[] none = new boolean[GRID.size()];
        boolean[] all = new boolean[GRID.size()];
        java.util.Arrays.fill(all, true);
        double[] sigma = noise();
        double[] twice = sigma.clone();
        for (int i = 0; i < twice.length; i++) {
            twice[i] *= 2;
        }
        double[] a = SmoothedNoiseStd.of(GRID, SETTINGS, sigma, all);
        double[] b = SmoothedNoiseStd.of(GRID, SETTINGS, twice, all);
        for (int i = 0; i < a.length; i++) {
            assertEquals(2 * a[i], b[i], 1e-12 * b[i]);
        }
        for (double v : SmoothedNoiseStd.of(GRID, SETTINGS, sigma, none)) {
            assertEquals(0, v, 1e-15);
        }
    }
}
