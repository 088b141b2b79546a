package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

class NfwProfileTest {

    @Test
    void knownValues() {
        NfwProfile p = new NfwProfile(0.1, 1e-3, 100);
        assertEquals(2 * 0.1 / 3, p.kappa(1e-3), 1e-6);
        // continuity across x = 1
        assertEquals(p.kappa(1e-3 * (1 - 1e-6)), p.kappa(1e-3 * (1 + 1e-6)), 1e-6);
        // large-x asymptote: (1 - pi/(2x)) / x^2
        double x = 50;
        assertEquals(2 * 0.1 * (1 - Math.PI / (2 * x) + 1.0 / (x * x)) / (x * x - 1), p.kappa(x * 1e-3), 2e-6);
        assertEquals(0.0, p.kappa(101e-3), 0);
    }

    @Test
    void projectedMassInsideApertureMatchesTheAnalyticFormula() {
        // mean convergence inside x: 4 kappa_s h(x)/x^2 with h(x) = ln(x/2) + F(x)-like term
        NfwProfile p = new NfwProfile(0.2, 2e-4, 1000);
        TileGrid grid = TileGrid.square(201, 0.03, new SkyPoint(30, 10));
        double[] k = new double[grid.size()];
        HaloRenderer.add(grid, List.of(new Halo(grid.centre(), p, Double.NaN, Double.NaN)), k);
        double radius = 3 * 2e-4;
        double sum = 0;
        int count = 0;
        for (int iy = 0; iy < grid.ny(); iy++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                double r = Math.hypot(grid.xiOf(ix), grid.etaOf(iy));
                if (r < radius) {
                    sum += k[iy * grid.nx() + ix];
                    count++;
                }
            }
        }
        double x = 3;
        double h = Math.log(x / 2) + Math.acos(1 / x) / Math.sqrt(x * x - 1);
        double expectedMean = 4 * 0.2 * h / (x * x);
        assertEquals(expectedMean, sum / count, 0.02 * expectedMean);
    }
}
