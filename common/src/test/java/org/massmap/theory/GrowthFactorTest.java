package org.massmap.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GrowthFactorTest {

    @Test
    void einsteinDeSitterGrowthIsTheScaleFactor() {
        GrowthFactor g = new GrowthFactor(new Background(new CosmologyParams(0.95, 0.05, 0.7, 0.8, 0.96, -1, 0)));
        for (double z : new double[] {0, 0.5, 1, 3, 10, 1000}) {
            assertEquals(1 / (1 + z), g.unnormalised(z), 1e-9 / (1 + z), "z = " + z);
            assertEquals(1 / (1 + z), g.growth(z), 1e-9 / (1 + z));
            assertEquals(1, g.growthRate(z), 1e-8);
        }
    }

    /**
     * For w = −1 the growing mode is exactly D(a) ∝ E(a) ∫_0^a da'/(a' E(a'))³ (Heath 1977), evaluated
     * here by an independent quadrature (substitution a' = u², Simpson's rule).
     */
    @Test
    void lambdaCdmGrowthMatchesTheIntegralFormula() {
        for (double omegaM : new double[] {0.1, 0.3, 0.6}) {
            CosmologyParams p = new CosmologyParams(omegaM - 0.04, 0.04, 0.7, 0.8, 0.96, -1, 0);
            GrowthFactor g = new GrowthFactor(new Background(p));
            double norm = heath(omegaM, 1);
            for (double z : new double[] {0, 0.3, 1, 2.5, 6, 50}) {
                double a = 1 / (1 + z);
                double expected = heath(omegaM, a) / norm;
                assertEquals(expected, g.growth(z), 2e-8 * expected, "Omega_m = " + omegaM + " z = " + z);
            }
        }
    }

    /** E(a) ∫_0^a da'/(a'E)³ with a' = u²: ∫_0^√a 2u du/(u² E(u²))³, integrand → 2u⁴/Ω_m^{3/2} near 0. */
    private static double heath(double omegaM, double a) {
        int n = 20000;
        double top = Math.sqrt(a);
        double h = top / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double u = i * h;
            double f;
            if (u == 0) {
                f = 0;
            } else {
                double ap = u * u;
                double e = Math.sqrt(omegaM / (ap * ap * ap) + 1 - omegaM);
                f = 2 * u / Math.pow(ap * e, 3);
            }
            sum += (i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2)) * f;
        }
        double e = Math.sqrt(omegaM / (a * a * a) + 1 - omegaM);
        return e * sum * h / 3;
    }

    /**
     * Source: CCL benchmarks/data/growth_model1-5.txt and growth_hiz_model1-3.txt (flat models 1-3),
     * CCL's unnormalised growth (D → a in matter domination). CCL's tolerance is 1e-4; the table has
     * 7 significant digits.
     */
    @Test
    void unnormalisedGrowthMatchesCclBenchmarks() {
        double[][] w = {{-1, 0}, {-0.9, 0}, {-0.9, 0.1}};
        double[][] table = ReferenceData.rows("ccl_growth_distance.txt");
        for (int m = 0; m < 3; m++) {
            GrowthFactor g = new GrowthFactor(new Background(
                    new CosmologyParams(0.25, 0.05, 0.7, 0.8, 0.96, w[m][0], w[m][1])));
            for (double[] row : table) {
                assertEquals(row[1 + m], g.unnormalised(row[0]), 1e-6 * row[1 + m],
                        "model " + (m + 1) + " z = " + row[0]);
            }
        }
    }
}
