package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackgroundTest {
    private static final double C_OVER_H0 = Background.HUBBLE_DISTANCE;

    @Test
    void einsteinDeSitterDistanceIsAnalytic() {
        Background eds = new Background(new CosmologyParams(0.95, 0.05, 0.7, 0.8, 0.96, -1, 0));
        for (double z : new double[] {1e-4, 0.01, 0.1, 0.5, 1, 2, 5, 10, 100, 1000}) {
            double exact = 2 * C_OVER_H0 * (1 - 1 / Math.sqrt(1 + z)); // χ = (2c/H0)(1 − (1+z)^(−1/2))
            assertEquals(exact, eds.comovingDistance(z), 1e-9 * exact, "z = " + z);
            assertEquals(Math.pow(1 + z, 1.5), eds.e(z), 1e-12 * Math.pow(1 + z, 1.5));
            assertEquals(1, eds.omegaMatter(z), 1e-12);
        }
    }

    /** Source: CCL benchmarks/data/chi_model1-5.txt and chi_hiz_model1-3.txt (see the resource header). */
    @Test
    void comovingDistanceMatchesCclBenchmarks() {
        double[][] w = {{-1, 0}, {-0.9, 0}, {-0.9, 0.1}};
        double[][] table = ReferenceData.rows("ccl_growth_distance.txt");
        for (int m = 0; m < 3; m++) {
            Background bg = new Background(new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, w[m][0], w[m][1]));
            for (double[] row : table) {
                if (row[0] > 0) {
                    // the table has 7 significant digits; CCL's own tolerance is 1e-4
                    assertEquals(row[4 + m], bg.comovingDistance(row[0]), 1e-6 * row[4 + m],
                            "model " + (m + 1) + " z = " + row[0]);
                }
            }
        }
    }

    @Test
    void redshiftAtInvertsComovingDistance() {
        Background bg = new Background(new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, -0.9, 0.1));
        for (double z : new double[] {0, 1e-5, 0.003, 0.3, 1, 3.7, 42, 1100}) {
            assertEquals(z, bg.redshiftAt(bg.comovingDistance(z)), 1e-10 * (1 + z));
        }
    }

    @Test
    void darkEnergyEquationOfStateAndDensities() {
        Background bg = new Background(new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, -0.9, 0.1));
        assertEquals(-0.9, bg.w(0), 0);
        assertEquals(-0.85, bg.w(1), 1e-15);
        assertEquals(0.7, bg.omegaDarkEnergy(0), 1e-12);
        assertEquals(1, bg.e(0), 1e-15);
        assertTrue(bg.omegaMatter(3) > 0.9);
    }

    @Test
    void redshiftOutsideSupportedRangeIsRejected() {
        Background bg = new Background(CosmologyParams.fiducial());
        for (double z : new double[] {-0.1, Background.MAX_REDSHIFT + 1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bg.comovingDistance(z));
            assertTrue(e.getMessage().contains("redshift z"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> bg.redshiftAt(-1));
        assertThrows(IllegalArgumentException.class, () -> bg.redshiftAt(1e6));
    }
}
