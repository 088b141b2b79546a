package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/** The apodised footprint window: its area fractions on known masks, and the windowing of a map. */
class FootprintWindowTest {
    static final TileGrid GRID = TileGrid.square(16, 1.0, new SkyPoint(0, 0));

    /** The first {@code rows} rows observed. */
    static boolean[] rows(int rows) {
        boolean[] mask = new boolean[GRID.size()];
        Arrays.fill(mask, 0, rows * GRID.nx(), true);
        return mask;
    }

    @Test
    void areaFractionIsTheUnmaskedShareAndTheEffectiveOneTheMeanSquaredWeight() {
        FootprintWindow w = FootprintWindow.of(GRID, rows(4));
        assertEquals(0.25, w.areaFraction(), 1e-15);
        double sum = 0;
        double sum2 = 0;
        for (double v : w.weights()) {
            assertTrue(v >= -1e-6 && v <= 1 + 1e-6, "weight " + v);
            sum += v;
            sum2 += v * v;
        }
        assertEquals(0.25, sum / GRID.size(), 1e-12, "apodising keeps the footprint's total weight");
        assertEquals(sum2 / GRID.size(), w.effectiveAreaFraction(), 1e-15);
        assertTrue(w.effectiveAreaFraction() < 0.25 - 0.01, "apodised edges lower the mean w²: " + w.effectiveAreaFraction());
    }

    @Test
    void aFullFootprintIsAWindowOfOnes() {
        FootprintWindow w = FootprintWindow.of(GRID, rows(16));
        assertEquals(1.0, w.areaFraction());
        assertEquals(1.0, w.effectiveAreaFraction(), 1e-12);
    }

    @Test
    void applySubtractsTheWeightedMeanAndWindows() {
        FootprintWindow w = FootprintWindow.of(GRID, rows(8));
        double[] map = new double[GRID.size()];
        Arrays.fill(map, 3.0);
        map[5] = Double.NaN;
        for (double v : w.apply(map)) {
            assertEquals(0.0, v, 1e-12, "a constant map windows to zero");
        }
        double[] ramp = new double[GRID.size()];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i % 7;
        }
        double[] out = w.apply(ramp);
        double total = 0;
        for (double v : out) {
            total += v;
        }
        assertEquals(0.0, total, 1e-9, "the windowed map has no mean");
    }
}
