package org.massmap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.prior.PixelWindow;

/**
 * The prior's C_ℓ table reaches every multipole the pixel-windowed prior sums over, at the pixel
 * sizes of the bundled models (1′, 0.29′), so the run never extrapolates it; the bound it replaced
 * in the survey job (1.5·2π/Δ) fell short by a factor 3.
 */
class TheoryConfigTest {
    @Test
    void thePriorTableReachesTheAliasingSumOfThePixel() throws Exception {
        Settings defaults = new Settings(ConfigLoader.load(null, Map.of()));
        for (double pixelArcmin : new double[] {1.0, 0.29}) {
            double pixelRad = pixelArcmin * Math.PI / 10800;
            double needed = PixelWindow.maxEll(pixelRad, PixelWindow.ALIAS_ORDER);
            double[][] table = TheoryConfig.priorTable(defaults, pixelArcmin);
            assertEquals(TheoryConfig.PRIOR_TABLE_POINTS, table[0].length);
            assertEquals(1.0, table[0][0]);
            double last = table[0][table[0].length - 1];
            assertTrue(last >= needed && last < 1.02 * needed, pixelArcmin + "': table ends at " + last + ", the prior needs " + needed);
            for (double c : table[1]) {
                assertTrue(c > 0 && Double.isFinite(c), "C_ell " + c);
            }
            // control: the survey job's former bound stopped short of it
            assertTrue(1.5 * 2 * Math.PI / pixelRad < needed / 3);
        }
    }
}
