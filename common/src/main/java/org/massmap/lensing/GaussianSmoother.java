package org.massmap.lensing;

import org.massmap.fft.Fft2;

/**
 * Gaussian smoothing of maps on a periodic grid, in Fourier space: multiplies mode k by
 * exp(−2π²s²|k|²) with s the kernel standard deviation in pixels and |k| in cycles per pixel.
 * Immutable and thread-safe.
 */
public final class GaussianSmoother {
    private final Fft2 fft;
    private final double[] kernel;

    /** @param sigmaPixels kernel standard deviation in pixels (0 = identity) */
    public GaussianSmoother(int nx, int ny, double sigmaPixels) {
        if (!(sigmaPixels >= 0) || !Double.isFinite(sigmaPixels)) {
            throw new IllegalArgumentException("smoothing scale must be finite and >= 0, got " + sigmaPixels + " pixels");
        }
        this.fft = new Fft2(nx, ny);
        this.kernel = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            double ky = Fft2.freq(iy, ny);
            for (int ix = 0; ix < nx; ix++) {
                double kx = Fft2.freq(ix, nx);
                kernel[iy * nx + ix] = Math.exp(-2 * Math.PI * Math.PI * sigmaPixels * sigmaPixels * (kx * kx + ky * ky));
            }
        }
    }

    /**
     * Per-pixel variance of a smoothed field of the given power: the mean over modes of P·K², K the
     * kernel (same convention as {@link org.massmap.prior.PowerMap#pixelVariance()}).
     */
    public double smoothedVariance(org.massmap.prior.PowerMap power) {
        if (power.nx() != fft.nx() || power.ny() != fft.ny()) {
            throw new IllegalArgumentException("power map is " + power.nx() + "x" + power.ny() + ", the smoother " + fft.nx() + "x" + fft.ny());
        }
        double s = 0;
        for (int k = 0; k < kernel.length; k++) {
            s += power.at(k) * kernel[k] * kernel[k];
        }
        return s / kernel.length;
    }

    /** A smoothed copy of {@code map}. */
    public double[] smooth(double[] map) {
        double[] c = fft.forwardReal(map);
        for (int k = 0; k < kernel.length; k++) {
            c[2 * k] *= kernel[k];
            c[2 * k + 1] *= kernel[k];
        }
        fft.inverse(c);
        return Fft2.real(c);
    }
}
