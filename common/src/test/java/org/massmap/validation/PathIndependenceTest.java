package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.sampling.ScoreFunction;

/** Loop integrals vanish for gradient fields and measure the curl of fields that are not. */
class PathIndependenceTest {
    private static final int N = 8;

    /** s(x) = −x/v − c·x³ (a gradient field, non-Gaussian) plus curl·J x with J antisymmetric (pairs rotated). */
    private static ScoreFunction field(double curl) {
        return new ScoreFunction() {
            @Override
            public int nx() {
                return N;
            }

            @Override
            public int ny() {
                return 1;
            }

            @Override
            public void score(double[][] maps, double[] sigmas, double[][] out) {
                for (int b = 0; b < maps.length; b++) {
                    double[] x = maps[b];
                    for (int i = 0; i < N; i++) {
                        double v = 1 + sigmas[b] * sigmas[b];
                        out[b][i] = -x[i] / v - 0.3 * x[i] * x[i] * x[i];
                        int partner = i ^ 1; // (0,1), (2,3), ...: J e_0 = e_1, J e_1 = −e_0
                        out[b][i] += curl * (i % 2 == 0 ? -x[partner] : x[partner]);
                    }
                }
            }
        };
    }

    private static double[] random(SplittableRandom rng, double scale) {
        double[] r = new double[N];
        for (int i = 0; i < N; i++) {
            r[i] = scale * (2 * rng.nextDouble() - 1);
        }
        return r;
    }

    @Test
    void gradientFieldsHaveNoLoopIntegral() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 20; k++) {
            PathIndependence.Loop l = PathIndependence.around(field(0), random(rng, 1), 0.1, random(rng, 0.2), random(rng, 0.2));
            assertTrue(l.relative() < 1e-4, "gradient field: relative loop " + l.relative());
            assertTrue(l.scale() > 0);
        }
    }

    @Test
    void aCurlLeavesItsAreaTimesCurl() {
        double curl = 0.5;
        double[] x = new double[N];
        double[] a = new double[N];
        double[] b = new double[N];
        a[0] = 0.1;
        b[1] = 0.1; // a triangle of area 0.005 in the (0,1) plane
        PathIndependence.Loop l = PathIndependence.around(field(curl), x, 0, a, b);
        // ∮ (curl·J x)·dx = curl · (∂_0 s_1 − ∂_1 s_0) · area = curl · 2 · area
        assertEquals(curl * 2 * 0.005, l.loop(), 1e-4 * curl);
        SplittableRandom rng = new SplittableRandom(4);
        PathIndependence.Loop random = PathIndependence.around(field(curl), random(rng, 1), 0.1, random(rng, 0.2), random(rng, 0.2));
        assertTrue(random.relative() > 1e-2, "a curl must be seen: relative loop " + random.relative());
    }
}
