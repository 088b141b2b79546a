package org.massmap.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.lensing.KaiserSquires;

/**
 * Kaiser-Squires κ_E maps of shape-noise-only data: on every observed pixel each shear component is
 * drawn from N(0, σ_n²) with the pixel's measured noise (the distribution that randomly rotated
 * ellipticities produce, to second order), nothing elsewhere. They calibrate the significance of
 * peaks and measure the false-peak rate.
 */
public final class NoiseOnlyMaps {
    private NoiseOnlyMaps() {
    }

    /**
     * @param noiseStd σ_n per pixel (ignored outside the mask)
     * @param mask     observed pixels
     */
    public static List<double[]> draw(int nx, int ny, double[] noiseStd, boolean[] mask, int count, RandomGenerator rng) {
        KaiserSquires ks = new KaiserSquires(nx, ny);
        List<double[]> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            double[] c = new double[2 * nx * ny];
            for (int i = 0; i < nx * ny; i++) {
                if (mask[i]) {
                    c[2 * i] = noiseStd[i] * rng.nextGaussian();
                    c[2 * i + 1] = noiseStd[i] * rng.nextGaussian();
                }
            }
            ks.inverseInPlace(c);
            double[] k = new double[nx * ny];
            for (int i = 0; i < k.length; i++) {
                k[i] = c[2 * i];
            }
            out.add(k);
        }
        return out;
    }
}
