package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

class HaloRendererTest {

    @Test
    void periodicRenderingWrapsEveryPixelOfTheStampAroundTheTorus() {
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(0, 0));
        NfwProfile p = new NfwProfile(0.05, 2 * TileGrid.ARCMIN, 5); // reach 10 px: larger than half the grid
        double x = 0.25;
        double y = 15.25;
        Halo h = new Halo(grid.tangentPlane().deproject(grid.xiOf(x), grid.etaOf(y)), p, Double.NaN, Double.NaN);
        HaloRenderer.Stamp s = HaloRenderer.stamp(p, grid.pixelRad(), x, y);
        double stampSum = 0;
        double[] expected = new double[grid.size()];
        for (int j = 0; j < s.height(); j++) {
            for (int i = 0; i < s.width(); i++) {
                stampSum += s.values()[j * s.width() + i];
                expected[Math.floorMod(s.y0() + j, 16) * 16 + Math.floorMod(s.x0() + i, 16)] += s.values()[j * s.width() + i];
            }
        }
        double[] periodic = new double[grid.size()];
        HaloRenderer.add(grid, List.of(h), periodic, HaloRenderer.Boundary.PERIODIC);
        double[] clipped = new double[grid.size()];
        HaloRenderer.add(grid, List.of(h), clipped);
        double sumPeriodic = 0;
        double sumClipped = 0;
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(expected[i], periodic[i], 1e-9 * stampSum);
            sumPeriodic += periodic[i];
            sumClipped += clipped[i];
        }
        assertEquals(stampSum, sumPeriodic, 1e-9 * stampSum);
        assertTrue(sumClipped < 0.5 * sumPeriodic, "a halo in the corner keeps about a quarter of itself when clipped");
        // the centre's pixel gets the halo's core either way, plus wrapped outskirts when periodic
        assertTrue(clipped[15 * 16] > 0 && clipped[15 * 16] <= periodic[15 * 16]);
    }
}
