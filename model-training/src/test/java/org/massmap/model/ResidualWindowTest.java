package org.massmap.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.fft.Fft2;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

class ResidualWindowTest {
    private static final double ARCMIN = Math.PI / 10800;

    @Test
    void theSeparableMatricesAreTheSameLinearMapAsTheFourierFilter() {
        ResidualWindow w = new ResidualWindow(1200);
        double pix = 1.0 * ARCMIN;
        int ny = 12;
        int nx = 20;
        double[] map = new Random(1).doubles(ny * nx, -1, 1).toArray();
        float[] gy = w.lowPassMatrix(ny, pix);
        float[] gx = w.lowPassMatrix(nx, pix);
        double[] expected = new double[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double low = 0;
                for (int a = 0; a < ny; a++) {
                    for (int b = 0; b < nx; b++) {
                        low += gy[y * ny + a] * map[a * nx + b] * gx[b * nx + x];
                    }
                }
                expected[y * nx + x] = map[y * nx + x] - low;
            }
        }
        double[] actual = w.filter(ny, nx, pix).apply(map);
        assertArrayEquals(expected, actual, 1e-6);
        double change = 0;
        for (int i = 0; i < map.length; i++) {
            change = Math.max(change, Math.abs(actual[i] - map[i]));
        }
        assertTrue(change > 0.05, "the filter must do something on this grid (change " + change + ")");
    }

    @Test
    void theGainIsOneMinusAGaussianInEll() {
        ResidualWindow w = new ResidualWindow(700);
        int n = 64;
        double pix = 1.0 * ARCMIN;
        ResidualWindow.Filter f = w.filter(n, n, pix);
        double l1 = 2 * Math.PI / (n * pix);
        assertEquals(0, f.gain(0, 0), 1e-15, "the mean is never the network's");
        assertEquals(1 - Math.exp(-l1 * l1 / (2 * 700.0 * 700.0)), f.gain(0, 1), 1e-12);
        assertEquals(1 - Math.exp(-2 * (3 * l1) * (3 * l1) / (2 * 700.0 * 700.0)), f.gain(3, n - 3), 1e-12);
        double[] map = new Random(2).doubles(n * n).toArray();
        assertArrayEquals(map, ResidualWindow.NONE.filter(n, n, pix).apply(map), 0, "no window is the identity");
        assertTrue(ResidualWindow.NONE.filter(n, n, pix).isIdentity());
        assertThrows(IllegalArgumentException.class, () -> new ResidualWindow(-1));
    }

    /** r(x) = H·N(H·x): the windowed residual is the unwindowed one of the high-passed map, high-passed. */
    @Test
    void theWindowedResidualIsTheHighPassOfTheNetworkOnTheHighPassedMap() {
        ResidualWindow window = new ResidualWindow(6000);
        ScoreModel with = ModelFilesTest.model(5, window);
        ScoreModel without = ModelFilesTest.model(5, ResidualWindow.NONE);
        int n = 32;
        TileGrid tile = TileGrid.square(n, 0.29, new SkyPoint(150, 2));
        ResidualWindow.Filter h = window.filter(n, n, tile.pixelRad());
        double[] x = new Random(6).doubles(n * n, -0.05, 0.05).toArray();
        double sigma = 0.02;
        double[] r = residual(with.hybridScore(tile), x, sigma);
        double[] expected = h.apply(residual(without.hybridScore(tile), h.apply(x), sigma));
        double scale = java.util.Arrays.stream(expected).map(Math::abs).max().orElse(0);
        assertTrue(scale > 1e-3, "the test network must produce a non-trivial residual");
        assertArrayEquals(expected, r, 1e-6 * scale + 1e-9);

        // a fundamental mode (H ≈ 0.07 there) barely moves the windowed residual, but moves the unwindowed one
        double[] shifted = x.clone();
        for (int i = 0; i < n * n; i++) {
            shifted[i] += 0.05 * Math.cos(2 * Math.PI * (i % n) / n);
        }
        double dWith = maxDiff(r, residual(with.hybridScore(tile), shifted, sigma));
        double[] r0 = residual(without.hybridScore(tile), x, sigma);
        double dWithout = maxDiff(r0, residual(without.hybridScore(tile), shifted, sigma));
        assertTrue(dWith < 0.3 * dWithout, "windowed change " + dWith + " vs unwindowed " + dWithout);
        // and the windowed residual has (almost) no power in the fundamental modes
        double[] c = new Fft2(n, n).forwardReal(r);
        double[] c0 = new Fft2(n, n).forwardReal(r0);
        double fundamental = Math.hypot(c[2], c[3]);
        double fundamental0 = Math.hypot(c0[2], c0[3]);
        assertTrue(fundamental < 0.2 * fundamental0, fundamental + " vs " + fundamental0);
    }

    private static double[] residual(HybridScore s, double[] x, double sigma) {
        double[][] out = new double[1][x.length];
        s.residual(new double[][] {x}, new double[] {sigma}, out);
        return out[0];
    }

    private static double maxDiff(double[] a, double[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
