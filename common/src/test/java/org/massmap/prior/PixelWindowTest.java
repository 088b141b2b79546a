package org.massmap.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.massmap.fft.Fft2;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.theory.SourceDistribution;
import org.massmap.theory.TheoryConvergenceSpectrum;
import org.massmap.theory.TheorySettings;

class PixelWindowTest {
    /** Coarse grid side and the fine sub-sampling factor per axis. */
    private static final int N = 32;
    private static final int SUB = 16;

    static double cl(double ell) {
        return 1e-9 * Math.pow(ell / 1000.0, -1.2) * Math.exp(-ell / 40000.0);
    }

    static TileGrid grid(int n, double pixelArcmin) {
        return TileGrid.square(n, pixelArcmin, new SkyPoint(150, 2));
    }

    @Test
    void windowTendsToOneAtLowKAndIsTheSincSquaredAtNyquist() {
        double delta = TileGrid.ARCMIN;
        double k = 1.0 / 4096;
        double ell = 2 * Math.PI * k / delta;
        assertEquals(1, PixelWindow.windowedCl(k, 0, delta, PixelWindowTest::cl) / cl(ell), 1e-5);
        assertEquals(1, PixelWindow.windowedCl(k, k, delta, PixelWindowTest::cl) / cl(ell * Math.sqrt(2)), 1e-5);
        // a white C_ell: aliases of a white spectrum through the sinc^2 window sum to exactly 1 (Σ_n sinc²(π(k+n)) = 1)
        double white = PixelWindow.windowedCl(0.5, 0.5, delta, l -> 1.0, 40);
        assertEquals(1, white, 0.01);
        assertEquals(2 / Math.PI, PixelWindow.window(0.5, 0), 1e-15); // amplitude; the power window is its square, 0.405
    }

    @Test
    void aliasSumHasConvergedForTheTheorySpectrum() {
        TheoryConvergenceSpectrum theory = TheoryConvergenceSpectrum.compute(TheorySettings.defaults(SourceDistribution.plane(1.0)));
        for (double arcmin : new double[] {1.0, 0.29}) {
            double delta = arcmin * TileGrid.ARCMIN;
            double worst3 = 0;
            double worst2 = 0;
            for (double kx = 0; kx <= 0.5; kx += 1.0 / 64) {
                for (double ky = 0; ky <= 0.5; ky += 1.0 / 64) {
                    if (kx == 0 && ky == 0) {
                        continue;
                    }
                    double ref = PixelWindow.windowedCl(kx, ky, delta, theory::cl, 8);
                    worst3 = Math.max(worst3, Math.abs(PixelWindow.windowedCl(kx, ky, delta, theory::cl, 3) / ref - 1));
                    worst2 = Math.max(worst2, Math.abs(PixelWindow.windowedCl(kx, ky, delta, theory::cl, 2) / ref - 1));
                }
            }
            System.out.printf("pixel window truncation at %.2f arcmin: N=2 %.2e, N=3 %.2e (relative to N=8)%n", arcmin, worst2, worst3);
            assertTrue(worst3 < 2e-3, "N=3 truncation error " + worst3 + " at " + arcmin + " arcmin");
            assertTrue(PixelWindow.maxEll(delta, PixelWindow.ALIAS_ORDER) < TheorySettings.DEFAULT_ELL_MAX,
                    "default theory table must reach the windowed prior's largest ell at " + arcmin + " arcmin");
        }
    }

    /**
     * The power of the sub×sub block averages of a point-sampled fine field with power C_ℓ/δ²: Σ_m C_ℓ |D_sub|²/Δ²
     * over the fine grid's images m (exact for that field; → the pixel average as sub → ∞).
     */
    static double blockAveragedPower(double kx, double ky, double delta, DoubleUnaryOperator cl, int sub) {
        double sum = 0;
        for (int my = -sub / 2; my < sub / 2; my++) {
            for (int mx = -sub / 2; mx < sub / 2; mx++) {
                double qx = kx + mx;
                double qy = ky + my;
                double d = dirichlet(qx / sub, sub) * dirichlet(qy / sub, sub);
                sum += cl.applyAsDouble(2 * Math.PI * Math.hypot(qx, qy) / delta) * d * d;
            }
        }
        return sum / (delta * delta);
    }

    /** |(1/sub) Σ_a exp(2πi q a)| for q in cycles per fine pixel. */
    private static double dirichlet(double q, int sub) {
        return Math.abs(q) < 1e-12 ? 1 : Math.sin(Math.PI * q * sub) / (sub * Math.sin(Math.PI * q));
    }

    /** Largest relative difference between the windowed power map and the exact power of sub×sub block averages. */
    static double worstBlockAverageDifference(int sub) {
        TileGrid coarse = grid(N, 1.0);
        PowerMap p = PowerMap.fromCl(coarse, PixelWindowTest::cl);
        double worst = 0;
        for (int iy = 0; iy < N; iy++) {
            for (int ix = 0; ix < N; ix++) {
                if (ix + iy == 0) {
                    continue;
                }
                double exact = blockAveragedPower(Fft2.freq(ix, N), Fft2.freq(iy, N), coarse.pixelRad(), PixelWindowTest::cl, sub);
                worst = Math.max(worst, Math.abs(p.at(iy * N + ix) / exact - 1));
            }
        }
        return worst;
    }

    @Test
    void windowedMapIsTheLimitOfTheExactPowerOfBlockAveragedFineFields() {
        double d16 = worstBlockAverageDifference(16);
        double d128 = worstBlockAverageDifference(128);
        System.out.printf("windowed power map vs exact block-average power: %.2e (16x16), %.2e (128x128)%n", d16, d128);
        // the sub-point block average differs from the continuous pixel average by ≈ (x/sin x)² per axis, x = πk/sub;
        // what remains at sub = 128 is the N = 3 alias truncation of this slowly falling C_ell
        assertTrue(d128 < 3e-3, "windowed power map vs exact 128x128 block-average power: " + d128);
        assertTrue(d16 < 0.012, "windowed power map vs exact 16x16 block-average power: " + d16);
    }

    @Test
    void pixelAveragesOfAFineGaussianFieldHaveTheWindowedPower() {
        TileGrid coarse = grid(N, 1.0);
        int nf = N * SUB;
        double deltaF = coarse.pixelRad() / SUB;
        double[] fineP = new double[nf * nf];
        for (int iy = 0; iy < nf; iy++) {
            for (int ix = 0; ix < nf; ix++) {
                double l = 2 * Math.PI * Math.hypot(Fft2.freq(ix, nf), Fft2.freq(iy, nf)) / deltaF;
                fineP[iy * nf + ix] = ix + iy == 0 ? 0 : cl(l) / (deltaF * deltaF); // point-sampled fine field
            }
        }
        GaussianFieldGenerator fine = new GaussianFieldGenerator(PowerMap.of(nf, nf, fineP));
        PowerMap windowed = PowerMap.fromCl(coarse, PixelWindowTest::cl);
        double[] unwindowed = new double[N * N];
        for (int iy = 0; iy < N; iy++) {
            for (int ix = 0; ix < N; ix++) {
                unwindowed[iy * N + ix] = cl(2 * Math.PI * Math.hypot(Fft2.freq(ix, N), Fft2.freq(iy, N)) / coarse.pixelRad())
                        / (coarse.pixelRad() * coarse.pixelRad());
            }
        }
        org.massmap.stats.BandPowerRatio withWindow = new org.massmap.stats.BandPowerRatio(coarse, 6, windowed.toArray());
        org.massmap.stats.BandPowerRatio without = new org.massmap.stats.BandPowerRatio(coarse, 6, unwindowed);
        SplittableRandom rng = new SplittableRandom(11);
        for (int m = 0; m < 48; m++) {
            double[] f = fine.draw(rng);
            double[] c = new double[N * N];
            for (int iy = 0; iy < nf; iy++) {
                for (int ix = 0; ix < nf; ix++) {
                    c[(iy / SUB) * N + ix / SUB] += f[iy * nf + ix] / (SUB * SUB);
                }
            }
            withWindow.add(c);
            without.add(c);
        }
        for (int b = 0; b < 6; b++) {
            System.out.printf("band %d ell %.0f: measured/windowed %.4f ± %.4f, measured/unwindowed %.4f%n", b, withWindow.ell(b),
                    withWindow.mean(b), withWindow.error(b), without.mean(b));
            assertEquals(1, withWindow.mean(b), 4 * withWindow.error(b) + 0.012, "band " + b); // + the 16x16 systematic above
        }
        // control: without the window the top band is off by far more than its error
        assertTrue(Math.abs(without.mean(5) - 1) > 10 * without.error(5), "the unwindowed power should be rejected");
    }
}
