package org.massmap.fft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The real-input transform and the two-map inverse agree with the complex transforms they replace. */
class Fft2RealTest {

    private static double[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void theRealInputTransformIsTheComplexTransformOfTheMapOnOddAndEvenShapes() {
        for (int[] shape : new int[][] {{8, 8}, {9, 6}, {5, 7}, {2, 3}, {12, 10}}) {
            int nx = shape[0];
            int ny = shape[1];
            Fft2 fft = new Fft2(nx, ny);
            double[] a = noise(nx * ny, 1);
            double[] complex = fft.pack(a, null);
            fft.forward(complex);
            double[] real = new double[2 * nx * ny];
            fft.forwardReal(a, real);
            assertTrue(maxAbsDiff(real, complex) < 1e-12, "at " + nx + "x" + ny);
            double[] back = new double[nx * ny];
            fft.inverseToReal(real, back);
            assertTrue(maxAbsDiff(back, a) < 1e-12, "round trip at " + nx + "x" + ny);
        }
    }

    @Test
    void theTwoMapInverseRecoversBothMapsAndAMismatchedPairDoesNot() {
        int nx = 10;
        int ny = 6;
        Fft2 fft = new Fft2(nx, ny);
        double[] a = noise(nx * ny, 3);
        double[] b = noise(nx * ny, 4);
        double[] outA = new double[nx * ny];
        double[] outB = new double[nx * ny];
        fft.inverseRealPair(fft.forwardReal(a), fft.forwardReal(b), outA, outB);
        assertTrue(maxAbsDiff(outA, a) < 1e-12);
        assertTrue(maxAbsDiff(outB, b) < 1e-12);
        // control: a spectrum that is not Hermitian (a complex map's) leaks into the other map
        double[] notHermitian = fft.pack(b, a);
        fft.forward(notHermitian);
        fft.inverseRealPair(fft.forwardReal(a), notHermitian, outA, outB);
        assertTrue(maxAbsDiff(outA, a) > 0.1);
    }
}
