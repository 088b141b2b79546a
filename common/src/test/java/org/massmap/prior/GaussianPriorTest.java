package org.massmap.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.stats.PowerSpectrumEstimator;

class GaussianPriorTest {

    /** A smooth red spectrum C_ell = A (ell/1000)^-1.2, exp cut-off at high ell. */
    static double cl(double ell) {
        return 1e-9 * Math.pow(ell / 1000.0, -1.2) * Math.exp(-ell / 40000.0);
    }

    static TileGrid grid(int nx, int ny) {
        return new TileGrid(nx, ny, 1.0 * TileGrid.ARCMIN, new SkyPoint(150, 2));
    }

    @ParameterizedTest
    @CsvSource({"16,16,0.0", "15,12,0.02", "16,16,0.3"})
    void scoreMatchesFiniteDifferencesOfLogDensity(int nx, int ny, double sigma) {
        GaussianPrior prior = new GaussianPrior(PowerMap.fromCl(grid(nx, ny), GaussianPriorTest::cl));
        Random rng = new Random(2);
        double[] kappa = new GaussianFieldGenerator(prior.power()).draw(rng, sigma);
        double[] s = prior.score(kappa, sigma);
        for (int trial = 0; trial < 10; trial++) {
            int i = rng.nextInt(kappa.length);
            double h = 1e-4 * Math.sqrt(prior.power().pixelVariance() + sigma * sigma);
            double[] plus = kappa.clone();
            double[] minus = kappa.clone();
            plus[i] += h;
            minus[i] -= h;
            // the density lives on zero-mean maps: a pixel perturbation also moves the mean, whose score is zero
            double fd = (prior.logDensity(plus, sigma) - prior.logDensity(minus, sigma)) / (2 * h);
            assertEquals(fd, s[i], 1e-5 * Math.abs(fd) + 1e-8 * maxAbs(s));
        }
    }

    @Test
    void drawsHaveTheRequestedPowerSpectrum() {
        TileGrid g = grid(64, 64);
        PowerMap p = PowerMap.fromCl(g, GaussianPriorTest::cl);
        GaussianFieldGenerator gen = new GaussianFieldGenerator(p);
        PowerSpectrumEstimator est = new PowerSpectrumEstimator(g, 8);
        int draws = 200;
        double[] mean = new double[8];
        Random rng = new Random(9);
        for (int d = 0; d < draws; d++) {
            double[] c = est.estimate(gen.draw(rng));
            for (int b = 0; b < 8; b++) {
                mean[b] += c[b] / draws;
            }
        }
        double[] expected = est.expected(p);
        double[] ell = est.ell();
        int[] modes = est.modesPerBin();
        for (int b = 0; b < 8; b++) {
            // each mode's |k|^2 is exponential (chi^2 with 2 dof, pairs of modes are conjugates):
            // relative std of the bin mean ~ 1/sqrt(draws * modes/2); allow 5 sigma
            double tol = 5 / Math.sqrt(draws * Math.max(1, modes[b] / 2.0));
            assertEquals(1.0, mean[b] / expected[b], tol, "bin " + b + " at ell=" + ell[b]);
            // and the binned expectation is the C_ell itself to within the bin's spread of ell where the pixel window
            // is ≈ 1 (k < 0.2 cycles/pixel); beyond, the window sinc² (0.4 at Nyquist, aliases adding some back) lowers it
            double k = ell[b] * g.pixelRad() / (2 * Math.PI);
            double r = expected[b] / cl(ell[b]);
            if (k < 0.2) {
                assertEquals(1.0, r, 0.25, "bin " + b);
            } else {
                assertTrue(r > 0.3 && r < 1.0, "bin " + b + ": " + r);
            }
        }
    }

    @Test
    void drawsHaveZeroMeanAndTheExpectedPixelVariance() {
        TileGrid g = grid(32, 32);
        PowerMap p = PowerMap.fromCl(g, GaussianPriorTest::cl);
        GaussianFieldGenerator gen = new GaussianFieldGenerator(p);
        Random rng = new Random(4);
        double var = 0;
        int draws = 400;
        for (int d = 0; d < draws; d++) {
            double[] k = gen.draw(rng);
            double m = 0;
            for (double v : k) {
                m += v;
                var += v * v / (k.length * draws);
            }
            assertEquals(0.0, m / k.length, 1e-14);
        }
        assertEquals(p.pixelVariance(), var, 0.05 * p.pixelVariance());
    }

    @Test
    void rejectsNonPositivePower() {
        assertThrows(IllegalArgumentException.class, () -> PowerMap.fromCl(grid(8, 8), ell -> ell > 1e4 ? -1 : 1e-9));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
