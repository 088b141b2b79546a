package org.massmap.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Split-R̂ and bulk ESS on chains whose answers are known, and on chains that must be flagged. */
class ChainConvergenceTest {
    private static final int CHAINS = 8;
    private static final int DRAWS = 400;

    /** AR(1) chains x_t = φ x_{t−1} + √(1−φ²) u_t, unit marginal variance, each started from its stationary law. */
    private static double[][] ar1(double phi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] d = new double[CHAINS][DRAWS];
        for (int c = 0; c < CHAINS; c++) {
            double x = gaussian(rng);
            for (int t = 0; t < DRAWS; t++) {
                x = phi * x + Math.sqrt(1 - phi * phi) * gaussian(rng);
                d[c][t] = x;
            }
        }
        return d;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void independentDrawsAreConvergedWithFullSampleSize() {
        double[][] d = ar1(0, 1);
        assertTrue(ChainConvergence.splitRhat(d) < 1.01, "R̂ = " + ChainConvergence.splitRhat(d));
        double ess = ChainConvergence.bulkEffectiveSampleSize(d);
        assertEquals(CHAINS * DRAWS, ess, 0.2 * CHAINS * DRAWS, "ESS of independent draws");
    }

    @Test
    void autocorrelatedDrawsHaveTheAr1SampleSize() {
        double phi = 0.8;
        double[][] d = ar1(phi, 2);
        double expected = CHAINS * DRAWS * (1 - phi) / (1 + phi); // τ = (1+φ)/(1−φ)
        double ess = ChainConvergence.bulkEffectiveSampleSize(d);
        assertEquals(expected, ess, 0.3 * expected, "ESS of AR(1), φ = " + phi);
        assertTrue(ChainConvergence.splitRhat(d) < 1.03);
    }

    @Test
    void chainsThatDisagreeAreFlagged() {
        double[][] shifted = ar1(0.5, 3);
        for (int t = 0; t < DRAWS; t++) {
            shifted[0][t] += 1.5; // one chain stuck in another mode
        }
        assertTrue(ChainConvergence.splitRhat(shifted) > 1.05, "a shifted chain: R̂ = " + ChainConvergence.splitRhat(shifted));

        double[][] drifting = ar1(0.5, 4);
        for (double[] chain : drifting) {
            for (int t = 0; t < DRAWS; t++) {
                chain[t] += 2.0 * t / DRAWS; // every chain still moving: only splitting sees it
            }
        }
        assertTrue(ChainConvergence.splitRhat(drifting) > 1.05, "drifting chains: R̂ = " + ChainConvergence.splitRhat(drifting));

        double[][] wider = ar1(0, 5);
        for (int c = 0; c < CHAINS / 2; c++) {
            for (int t = 0; t < DRAWS; t++) {
                wider[c][t] *= 3; // same mean, another scale: only the folded draws see it
            }
        }
        assertTrue(ChainConvergence.rhat(ChainConvergence.normalScores(ChainConvergence.split(wider))) < 1.02);
        assertTrue(ChainConvergence.splitRhat(wider) > 1.05, "chains of different scale: R̂ = " + ChainConvergence.splitRhat(wider));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChainConvergence.splitRhat(new double[][] {{1, 2, 3, 4}}));
        assertThrows(IllegalArgumentException.class, () -> ChainConvergence.splitRhat(new double[][] {{1, 2, 3}, {1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> ChainConvergence.splitRhat(new double[][] {{1, 2, 3, 4}, {1, 2, 3}}));
        assertThrows(IllegalArgumentException.class, () -> ChainConvergence.splitRhat(new double[][] {{1, 2, 3, Double.NaN}, {1, 2, 3, 4}}));
    }
}
