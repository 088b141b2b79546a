package org.massmap.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.lensing.KaiserSquires;
import org.massmap.lensing.ShearLikelihood;
import org.massmap.lensing.ShearModel;
import org.massmap.prior.GaussianPrior;
import org.massmap.prior.PowerMap;

/**
 * A prior that works on spectra shares the likelihood gradient's transforms; the posterior score
 * must be exactly the sum of the two scores computed apart.
 */
class TemperedPosteriorTest {

    @Test
    void theFusedScoreOfASpectralPriorIsTheSumOfThePartsForEveryMapOfAnOddBatch() {
        int nx = 18;
        int ny = 14;
        // a non-square grid with a mask and reduced shear
        Random rng = new Random(4);
        int n = nx * ny;
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        double[] noise = new double[n];
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() > 0.25;
            noise[i] = 0.1 + 0.1 * rng.nextDouble();
            g1[i] = 0.05 * rng.nextGaussian();
            g2[i] = 0.05 * rng.nextGaussian();
        }
        ShearLikelihood like = new ShearLikelihood(new KaiserSquires(nx, ny), g1, g2, noise, mask, ShearModel.REDUCED_SHEAR);
        GaussianPrior prior = new GaussianPrior(PowerMap.fromCl(
                new org.massmap.grid.TileGrid(nx, ny, org.massmap.grid.TileGrid.ARCMIN, new org.massmap.grid.SkyPoint(150, 2)), GaussianPosteriorSamplingTest::cl));
        ScoreFunction plain = new ScoreFunction() { // the same prior, hidden behind the plain interface
            @Override
            public int nx() {
                return prior.nx();
            }

            @Override
            public int ny() {
                return prior.ny();
            }

            @Override
            public void score(double[][] maps, double[] sigmas, double[][] out) {
                prior.score(maps, sigmas, out);
            }
        };
        double[][] maps = new double[3][n];
        double[] sigmas = {0.0, 0.01, 0.3};
        for (double[] m : maps) {
            for (int i = 0; i < n; i++) {
                m[i] = 0.03 * rng.nextGaussian();
            }
        }
        double[][] fused = new double[3][n];
        double[][] apart = new double[3][n];
        new TemperedPosterior(like, prior).score(maps, sigmas, fused);
        new TemperedPosterior(like, plain).score(maps, sigmas, apart);
        for (int b = 0; b < 3; b++) {
            double scale = 0;
            for (double v : apart[b]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 1);
            assertArrayEquals(apart[b], fused[b], 1e-10 * scale, "map " + b);
            double[] single = prior.score(maps[b], sigmas[b]);
            double[] g = like.gradient(maps[b], sigmas[b]);
            double mean = 0;
            for (int i = 0; i < n; i++) {
                single[i] += g[i];
                mean += single[i] / n;
            }
            for (int i = 0; i < n; i++) {
                single[i] -= mean;
            }
            assertArrayEquals(single, fused[b], 1e-10 * scale, "map " + b + " against one map at a time");
        }
    }
}
