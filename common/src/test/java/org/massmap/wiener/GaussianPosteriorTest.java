package org.massmap.wiener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;

class GaussianPosteriorTest {

    static double cl(double ell) {
        return 2e-9 * Math.pow(ell / 1000.0, -1.1) * Math.exp(-ell / 30000.0);
    }

    record Mock(TileGrid grid, PowerMap power, KaiserSquires ks, double[] truth, double[] g1, double[] g2,
            double[] noise, boolean[] mask) {
        ShearLikelihood likelihood() {
            return new ShearLikelihood(ks, g1, g2, noise, mask, ShearModel.SHEAR);
        }
    }

    /** A Gaussian truth observed with uniform noise; holeFraction of pixels masked at random in blocks. */
    static Mock mock(int nPix, double noiseStd, boolean masked, long seed) {
        TileGrid grid = TileGrid.square(nPix, 1.0, new SkyPoint(10, -5));
        PowerMap power = PowerMap.fromCl(grid, GaussianPosteriorTest::cl);
        Random rng = new Random(seed);
        double[] truth = new GaussianFieldGenerator(power).draw(rng);
        KaiserSquires ks = new KaiserSquires(nPix, nPix);
        double[][] g = ks.forward(truth, null);
        int n = nPix * nPix;
        double[] noise = new double[n];
        boolean[] mask = new boolean[n];
        for (int iy = 0; iy < nPix; iy++) {
            for (int ix = 0; ix < nPix; ix++) {
                int i = iy * nPix + ix;
                // a band and a square hole, like a chip gap and a star mask
                mask[i] = !masked || !((ix >= nPix / 3 && ix < nPix / 3 + 2) || (Math.abs(ix - 3 * nPix / 4) < nPix / 8
                        && Math.abs(iy - nPix / 4) < nPix / 8));
                noise[i] = noiseStd * (masked ? 0.7 + 0.6 * rng.nextDouble() : 1.0);
                g[0][i] += noise[i] * rng.nextGaussian();
                g[1][i] += noise[i] * rng.nextGaussian();
            }
        }
        return new Mock(grid, power, ks, truth, g[0], g[1], noise, mask);
    }

    @Test
    void unmaskedUniformNoiseWienerEqualsClosedForm() {
        Mock m = mock(32, 0.02, false, 1);
        WienerResult wf = new GaussianPosterior(m.likelihood(), m.power(), 0).wienerFilter(1e-12, 500);
        assertTrue(wf.converged());
        double[] exact = new DiagonalGaussianPosterior(m.ks(), m.power(), 0.02).mean(m.g1(), m.g2());
        double scale = rms(exact);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], wf.kappa()[i], 1e-9 * scale);
        }
    }

    @Test
    void maskedWienerSolvesTheNormalEquations() {
        Mock m = mock(48, 0.03, true, 2);
        GaussianPosterior post = new GaussianPosterior(m.likelihood(), m.power(), 0);
        WienerResult wf = post.wienerFilter(1e-8, 1000);
        assertTrue(wf.converged(), "residual " + wf.relativeResidual() + " after " + wf.iterations());
        assertTrue(wf.iterations() < 300, "iterations " + wf.iterations());
        // The Hessian is symmetric positive definite: <Hx, y> = <x, Hy>
        Random rng = new Random(4);
        double[] x = randomZeroMean(m.truth().length, rng);
        double[] y = randomZeroMean(m.truth().length, rng);
        double lhs = dot(post.applyHessian(x), y);
        double rhs = dot(x, post.applyHessian(y));
        assertEquals(lhs, rhs, 1e-10 * Math.abs(lhs));
        assertTrue(dot(post.applyHessian(x), x) > 0);
    }

    @Test
    void unmaskedConstrainedRealisationsHaveTheClosedFormVariance() {
        Mock m = mock(32, 0.02, false, 3);
        GaussianPosterior post = new GaussianPosterior(m.likelihood(), m.power(), 0);
        DiagonalGaussianPosterior exact = new DiagonalGaussianPosterior(m.ks(), m.power(), 0.02);
        double[] mean = exact.mean(m.g1(), m.g2());
        Random rng = new Random(5);
        int draws = 200;
        double sumSq = 0;
        for (int d = 0; d < draws; d++) {
            double[] s = post.constrainedRealisation(rng, 1e-10, 500).kappa();
            for (int i = 0; i < s.length; i++) {
                double r = s[i] - mean[i];
                sumSq += r * r;
            }
        }
        double measured = sumSq / (draws * (double) mean.length);
        // pixels within a draw are correlated; the pooled estimate over 200 draws is good to ~2%
        assertEquals(exact.pixelVariance(), measured, 0.04 * exact.pixelVariance());
    }

    /** On a tiny masked grid the exact covariance is the dense inverse Hessian: compare per-pixel variances. */
    @Test
    void maskedConstrainedRealisationsMatchTheInverseHessian() {
        Mock m = mock(10, 0.01, true, 6);
        GaussianPosterior post = new GaussianPosterior(m.likelihood(), m.power(), 0);
        int n = m.truth().length;
        // Build H on the zero-mean subspace: add the mean direction with unit eigenvalue to make it invertible.
        double[][] h = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] e = new double[n];
            e[j] = 1;
            double[] col = post.applyHessian(e);
            for (int i = 0; i < n; i++) {
                h[i][j] = col[i] + 1.0 / n;
            }
        }
        double[][] cov = invertSymmetric(h);
        double[] wf = post.wienerFilter(1e-12, 1000).kappa();
        Random rng = new Random(8);
        int draws = 4000;
        double[] var = new double[n];
        for (int d = 0; d < draws; d++) {
            double[] s = post.constrainedRealisation(rng, 1e-12, 1000).kappa();
            for (int i = 0; i < n; i++) {
                var[i] += (s[i] - wf[i]) * (s[i] - wf[i]) / draws;
            }
        }
        for (int i = 0; i < n; i++) {
            double expected = cov[i][i] - 1.0 / n; // remove the unit-variance mean direction
            // per-pixel variance from 4000 draws: relative std sqrt(2/4000) = 2.2%; allow 5 sigma
            assertEquals(expected, var[i], 0.11 * expected, "pixel " + i);
        }
    }

    private static double[][] invertSymmetric(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[piv][c])) {
                    piv = r;
                }
            }
            double[] t = m[c];
            m[c] = m[piv];
            m[piv] = t;
            double d = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            inv[i] = Arrays.copyOfRange(m[i], n, 2 * n);
        }
        return inv;
    }

    private static double[] randomZeroMean(int n, Random rng) {
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
            mean += x[i] / n;
        }
        for (int i = 0; i < n; i++) {
            x[i] -= mean;
        }
        return x;
    }

    static double rms(double[] a) {
        return Math.sqrt(dot(a, a) / a.length);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
