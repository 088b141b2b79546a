package org.massmap.lensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShearLikelihoodTest {

    private static ShearLikelihood likelihood(int nx, int ny, ShearModel model, Random rng) {
        int n = nx * ny;
        double[] g1 = new double[n];
        double[] g2 = new double[n];
        double[] noise = new double[n];
        boolean[] mask = new boolean[n];
        for (int i = 0; i < n; i++) {
            mask[i] = rng.nextDouble() > 0.3;
            noise[i] = mask[i] ? 0.05 + 0.2 * rng.nextDouble() : Double.NaN;
            g1[i] = mask[i] ? 0.05 * rng.nextGaussian() : 0;
            g2[i] = mask[i] ? 0.05 * rng.nextGaussian() : 0;
        }
        return new ShearLikelihood(new KaiserSquires(nx, ny), g1, g2, noise, mask, model);
    }

    @ParameterizedTest
    @CsvSource({"16,16,SHEAR,0.0", "13,10,SHEAR,0.1", "16,12,REDUCED_SHEAR,0.0", "11,11,REDUCED_SHEAR,0.05"})
    void gradientMatchesFiniteDifferences(int nx, int ny, ShearModel model, double sigma) {
        Random rng = new Random(21);
        ShearLikelihood like = likelihood(nx, ny, model, rng);
        double[] kappa = new double[nx * ny];
        for (int i = 0; i < kappa.length; i++) {
            kappa[i] = 0.05 * rng.nextGaussian();
        }
        double[] grad = like.gradient(kappa, sigma);
        for (int t = 0; t < 12; t++) {
            int i = rng.nextInt(kappa.length);
            double h = 1e-6;
            double[] p = kappa.clone();
            double[] m = kappa.clone();
            p[i] += h;
            m[i] -= h;
            double fd = (like.logLikelihood(p, sigma) - like.logLikelihood(m, sigma)) / (2 * h);
            assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), "pixel " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"16,16,SHEAR,3", "13,10,REDUCED_SHEAR,4", "12,9,REDUCED_SHEAR,1"})
    void batchGradientEqualsOneMapAtATime(int nx, int ny, ShearModel model, int batch) {
        Random rng = new Random(5);
        ShearLikelihood like = likelihood(nx, ny, model, rng);
        double[][] kappas = new double[batch][nx * ny];
        double[] sigmas = new double[batch];
        for (int b = 0; b < batch; b++) {
            sigmas[b] = 0.02 * b;
            for (int i = 0; i < nx * ny; i++) {
                kappas[b][i] = 0.05 * rng.nextGaussian();
            }
        }
        double[][] out = new double[batch][nx * ny];
        like.gradient(kappas, sigmas, out);
        for (int b = 0; b < batch; b++) {
            double[] single = like.gradient(kappas[b], sigmas[b]);
            for (int i = 0; i < single.length; i++) {
                assertEquals(single[i], out[b][i], 1e-11 * (1 + Math.abs(single[i])), "map " + b + " pixel " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"SHEAR", "REDUCED_SHEAR"})
    void noiselessDataIsTheMaximum(ShearModel model) {
        int nx = 12;
        int ny = 12;
        Random rng = new Random(3);
        double[] kappa = new double[nx * ny];
        for (int i = 0; i < kappa.length; i++) {
            kappa[i] = 0.05 * rng.nextGaussian();
        }
        KaiserSquires ks = new KaiserSquires(nx, ny);
        double[][] g = ks.forward(kappa, null);
        if (model == ShearModel.REDUCED_SHEAR) {
            for (int i = 0; i < kappa.length; i++) {
                g[0][i] /= 1 - kappa[i];
                g[1][i] /= 1 - kappa[i];
            }
        }
        double[] noise = new double[kappa.length];
        boolean[] mask = new boolean[kappa.length];
        java.util.Arrays.fill(noise, 0.1);
        java.util.Arrays.fill(mask, true);
        ShearLikelihood like = new ShearLikelihood(ks, g[0], g[1], noise, mask, model);
        assertEquals(0.0, like.logLikelihood(kappa, 0), 1e-20);
        for (double v : like.gradient(kappa, 0)) {
            assertEquals(0.0, v, 1e-12);
        }
    }

    @ParameterizedTest
    @CsvSource({"SHEAR"})
    void fullyMaskedTileIsRejected(ShearModel model) {
        int n = 16;
        assertThrows(IllegalArgumentException.class, () -> new ShearLikelihood(new KaiserSquires(4, 4),
                new double[n], new double[n], new double[n], new boolean[n], model));
    }
}
