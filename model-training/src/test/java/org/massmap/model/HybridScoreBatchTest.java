package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.TileGrid;

/**
 * The hybrid score combines its terms in Fourier space and shares transforms with the likelihood;
 * each map's score must still be the score of that map alone, composed from the parts (Gaussian
 * score, window on input and output, network, linear part).
 */
class HybridScoreBatchTest {

    @Test
    void aBatchScoresEveryMapAsIfItWereAloneAndAsTheComposedParts() {
        ResidualWindow window = new ResidualWindow(6000);
        ResidualLinearPart part = new ResidualLinearPart(new double[] {1000, 20000}, new double[] {0.002, 0.2},
                new double[][] {{30, -20}, {0.1, 0.2}}, 8, 77);
        ScoreModel plain = ModelFilesTest.model(5, ResidualWindow.NONE);
        ScoreModel windowed = ModelFilesTest.model(5, window);
        ScoreModel model = new ScoreModel(windowed.metadata().withLinearPart(part), windowed.weights());
        int n = 30; // not a multiple of the network's 2^scales: periodic extension inside
        TileGrid tile = ModelFilesTest.tile(n, 0.29);
        HybridScore score = model.hybridScore(tile);
        HybridScore unwindowed = plain.hybridScore(tile);
        ResidualWindow.Filter h = window.filter(n, n, tile.pixelRad());
        ResidualLinearPart.Filter gamma = part.filter(n, n, tile.pixelRad());
        double sigmaLo = model.metadata().sigma().lo();
        double[] sigmas = {0.02, 0.5 * sigmaLo, 0.005};
        Random rng = new Random(8);
        double[][] maps = new double[sigmas.length][];
        for (int b = 0; b < maps.length; b++) {
            maps[b] = rng.doubles(n * n, -0.05, 0.05).toArray();
        }
        double[][] batch = new double[maps.length][n * n];
        score.score(maps, sigmas, batch);
        for (int b = 0; b < maps.length; b++) {
            double s = Math.max(sigmas[b], sigmaLo);
            double[] expected = h.apply(residualAt(unwindowed, h.apply(maps[b]), s));
            gamma.subtractFrom(expected, maps[b], s);
            double[] gaussian = score.gaussianPart().score(maps[b], sigmas[b]);
            for (int i = 0; i < expected.length; i++) {
                expected[i] += gaussian[i];
            }
            double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
            assertTrue(scale > 1e-3);
            assertArrayEquals(expected, batch[b], 1e-6 * scale, "map " + b + " against its composed parts");
            assertArrayEquals(score.score(maps[b], sigmas[b]), batch[b], 1e-9 * scale, "map " + b + " alone");
        }
    }

    @Test
    void thePosteriorSharesTheLikelihoodsTransformsAndGivesTheSumOfTheParts() {
        ScoreModel model = ModelFilesTest.model(5, new ResidualWindow(6000));
        int n = 24;
        TileGrid tile = ModelFilesTest.tile(n, 0.29);
        HybridScore score = model.hybridScore(tile);
        Random rng = new Random(9);
        double[] g1 = rng.doubles(n * n, -0.05, 0.05).toArray();
        double[] g2 = rng.doubles(n * n, -0.05, 0.05).toArray();
        double[] noise = new double[n * n];
        boolean[] mask = new boolean[n * n];
        for (int i = 0; i < n * n; i++) {
            noise[i] = 0.2;
            mask[i] = i % 7 != 0;
        }
        var like = new org.massmap.lensing.ShearLikelihood(new org.massmap.lensing.KaiserSquires(n, n), g1, g2, noise, mask,
                org.massmap.lensing.ShearModel.REDUCED_SHEAR);
        double[][] maps = {rng.doubles(n * n, -0.05, 0.05).toArray(), rng.doubles(n * n, -0.05, 0.05).toArray(),
            rng.doubles(n * n, -0.05, 0.05).toArray()};
        double[] sigmas = {0.01, 0.03, 0.004};
        double[][] fused = new double[3][n * n];
        new org.massmap.sampling.TemperedPosterior(like, score).score(maps, sigmas, fused);
        for (int b = 0; b < 3; b++) {
            double[] expected = score.score(maps[b], sigmas[b]);
            double[] g = like.gradient(maps[b], sigmas[b]);
            double mean = 0;
            for (int i = 0; i < expected.length; i++) {
                expected[i] += g[i];
                mean += expected[i] / expected.length;
            }
            double scale = 0;
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= mean;
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            assertArrayEquals(expected, fused[b], 1e-9 * scale, "map " + b);
        }
    }

    private static double[] residualAt(HybridScore s, double[] x, double sigma) {
        double[][] out = new double[1][x.length];
        s.residual(new double[][] {x}, new double[] {sigma}, out);
        return out[0];
    }
}
