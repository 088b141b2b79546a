package org.massmap.lensing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.massmap.fft.Fft2;

class KaiserSquiresTest {

    private static double[] randomField(int n, Random rng) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = rng.nextGaussian();
        }
        return f;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @CsvSource({"16,16", "15,15", "16,11", "9,14", "32,24"})
    void inverseIsAdjointOfForward(int nx, int ny) {
        Random rng = new Random(11);
        KaiserSquires ks = new KaiserSquires(nx, ny);
        double[] kE = randomField(nx * ny, rng);
        double[] kB = randomField(nx * ny, rng);
        double[] g1 = randomField(nx * ny, rng);
        double[] g2 = randomField(nx * ny, rng);
        double[][] ax = ks.forward(kE, kB);
        double[][] aty = ks.inverse(g1, g2);
        double lhs = dot(ax[0], g1) + dot(ax[1], g2);
        double rhs = dot(kE, aty[0]) + dot(kB, aty[1]);
        assertEquals(lhs, rhs, 1e-10 * Math.abs(lhs) + 1e-10);
    }

    @ParameterizedTest
    @CsvSource({"16,16", "15,15", "16,11", "9,14"})
    void inverseOfForwardRemovesOnlyMeanAndNyquist(int nx, int ny) {
        Random rng = new Random(5);
        KaiserSquires ks = new KaiserSquires(nx, ny);
        double[] kE = randomField(nx * ny, rng);
        double[] kB = randomField(nx * ny, rng);
        double[][] g = ks.forward(kE, kB);
        double[][] back = ks.inverse(g[0], g[1]);
        double[] expectedE = removeMeanAndNyquist(kE, nx, ny);
        double[] expectedB = removeMeanAndNyquist(kB, nx, ny);
        for (int i = 0; i < nx * ny; i++) {
            assertEquals(expectedE[i], back[0][i], 1e-12);
            assertEquals(expectedB[i], back[1][i], 1e-12);
        }
    }

    private static double[] removeMeanAndNyquist(double[] f, int nx, int ny) {
        Fft2 fft = new Fft2(nx, ny);
        double[] c = fft.forwardReal(f);
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                if ((ix == 0 && iy == 0) || Fft2.isNyquist(ix, nx) || Fft2.isNyquist(iy, ny)) {
                    c[2 * (iy * nx + ix)] = 0;
                    c[2 * (iy * nx + ix) + 1] = 0;
                }
            }
        }
        fft.inverse(c);
        return Fft2.real(c);
    }

    @ParameterizedTest
    @CsvSource({"16,16", "13,10"})
    void pureEModeShearHasNoBMode(int nx, int ny) {
        KaiserSquires ks = new KaiserSquires(nx, ny);
        double[] kE = randomField(nx * ny, new Random(3));
        double[][] g = ks.forward(kE, null);
        double[][] k = ks.inverse(g[0], g[1]);
        double maxB = 0;
        for (double v : k[1]) {
            maxB = Math.max(maxB, Math.abs(v));
        }
        assertTrue(maxB < 1e-13, "kappa_B should vanish, max |kappa_B| = " + maxB);
    }

    /** Naive O(N^4) direct DFT of the forward operator, straight from the formulas of docs/conventions.md, Kaiser-Squires. */
    @ParameterizedTest
    @CsvSource({"8,8", "7,6", "5,9"})
    void fftPathAgreesWithDirectDft(int nx, int ny) {
        Random rng = new Random(17);
        double[] kE = randomField(nx * ny, rng);
        double[] kB = randomField(nx * ny, rng);
        double[][] fast = new KaiserSquires(nx, ny).forward(kE, kB);
        int n = nx * ny;
        double[] hatEr = new double[n], hatEi = new double[n], hatBr = new double[n], hatBi = new double[n];
        for (int ky = 0; ky < ny; ky++) {
            for (int kx = 0; kx < nx; kx++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double phase = -2 * Math.PI * ((double) kx * x / nx + (double) ky * y / ny);
                        int k = ky * nx + kx;
                        hatEr[k] += kE[y * nx + x] * Math.cos(phase);
                        hatEi[k] += kE[y * nx + x] * Math.sin(phase);
                        hatBr[k] += kB[y * nx + x] * Math.cos(phase);
                        hatBi[k] += kB[y * nx + x] * Math.sin(phase);
                    }
                }
            }
        }
        double[] g1r = new double[n], g1i = new double[n], g2r = new double[n], g2i = new double[n];
        for (int ky = 0; ky < ny; ky++) {
            for (int kx = 0; kx < nx; kx++) {
                double fx = Fft2.freq(kx, nx), fy = Fft2.freq(ky, ny);
                double k2 = fx * fx + fy * fy;
                if (k2 == 0 || Fft2.isNyquist(kx, nx) || Fft2.isNyquist(ky, ny)) {
                    continue;
                }
                double p1 = fx * fx - fy * fy, p2 = 2 * fx * fy;
                int k = ky * nx + kx;
                g1r[k] = (p1 * hatEr[k] - p2 * hatBr[k]) / k2;
                g1i[k] = (p1 * hatEi[k] - p2 * hatBi[k]) / k2;
                g2r[k] = (p2 * hatEr[k] + p1 * hatBr[k]) / k2;
                g2i[k] = (p2 * hatEi[k] + p1 * hatBi[k]) / k2;
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double s1 = 0, s2 = 0;
                for (int ky = 0; ky < ny; ky++) {
                    for (int kx = 0; kx < nx; kx++) {
                        double phase = 2 * Math.PI * ((double) kx * x / nx + (double) ky * y / ny);
                        int k = ky * nx + kx;
                        s1 += g1r[k] * Math.cos(phase) - g1i[k] * Math.sin(phase);
                        s2 += g2r[k] * Math.cos(phase) - g2i[k] * Math.sin(phase);
                    }
                }
                assertEquals(s1 / n, fast[0][y * nx + x], 1e-12);
                assertEquals(s2 / n, fast[1][y * nx + x], 1e-12);
            }
        }
    }
}
