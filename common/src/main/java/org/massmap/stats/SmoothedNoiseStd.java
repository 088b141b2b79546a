package org.massmap.stats;

import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;
import org.massmap.lensing.KaiserSquires;

/**
 * The exact per-pixel std σ_S of the cluster detector's statistic (the aperture-smoothed
 * Kaiser-Squires κ_E) on shape-noise-only data, without drawing noise: both operators are circular
 * convolutions on the tile, so κ_S = K1 ⊛ n1 + K2 ⊛ n2 for the two shear components n_c, independent
 * with variance σ_n² on observed pixels and 0 elsewhere, and
 *
 * <pre>
 *   σ_S²(i) = Σ_j (K1(i − j)² + K2(i − j)²) σ_n²(j) m(j),
 * </pre>
 *
 * one more circular convolution. K1 and K2 are the responses of the very operators
 * {@link NoiseOnlyMaps} and {@link ClusterDetector} apply (Kaiser-Squires inverse, then the
 * aperture) to a unit impulse in γ1 and in γ2 at pixel 0. This is the limit that
 * {@link ClusterDetector#noiseStd} approaches as its noise-only realisations grow (its estimate from
 * R realisations has a relative error ≈ 1/√(2(R − 1)) per pixel). Pure function.
 */
public final class SmoothedNoiseStd {
    private SmoothedNoiseStd() {
    }

    /**
     * @param noiseSigma per-pixel, per-component std σ_n of the binned shear (ignored outside the mask)
     * @param mask       observed pixels
     * @return σ_S per pixel (defined on every pixel of the tile)
     */
    public static double[] of(TileGrid grid, ClusterSettings settings, double[] noiseSigma, boolean[] mask) {
        int nx = grid.nx();
        int ny = grid.ny();
        int n = nx * ny;
        if (noiseSigma.length != n || mask.length != n) {
            throw new IllegalArgumentException("noise and mask maps must have " + n + " pixels, got " + noiseSigma.length + " and "
                    + mask.length);
        }
        KaiserSquires ks = new KaiserSquires(nx, ny);
        GaussianSmoother smoother = ClusterDetector.smoother(grid, settings);
        double[] kernel2 = new double[n];
        for (int component = 0; component < 2; component++) {
            double[] c = new double[2 * n];
            c[component] = 1; // a unit impulse in γ1 (real part) or γ2 (imaginary part) at pixel 0
            ks.inverseInPlace(c);
            double[] k = smoother.smooth(Fft2.real(c));
            for (int i = 0; i < n; i++) {
                kernel2[i] += k[i] * k[i];
            }
        }
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[i] = mask[i] ? noiseSigma[i] * noiseSigma[i] : 0;
        }
        Fft2 fft = new Fft2(nx, ny);
        double[] a = fft.forwardReal(kernel2);
        double[] b = fft.forwardReal(weight);
        for (int i = 0; i < n; i++) {
            double re = a[2 * i] * b[2 * i] - a[2 * i + 1] * b[2 * i + 1];
            double im = a[2 * i] * b[2 * i + 1] + a[2 * i + 1] * b[2 * i];
            a[2 * i] = re;
            a[2 * i + 1] = im;
        }
        fft.inverse(a);
        double[] std = new double[n];
        for (int i = 0; i < n; i++) {
            std[i] = Math.sqrt(Math.max(0, a[2 * i]));
        }
        return std;
    }
}
