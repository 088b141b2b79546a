package org.massmap.lensing;

import org.massmap.fft.Fft2;

/**
 * Kaiser &amp; Squires (1993) operators between convergence and shear on a periodic ny x nx grid.
 *
 * <p>With p1 = kx² − ky², p2 = 2 kx ky, k² = kx² + ky² (cycles/pixel), in Fourier space
 * γ̂1 + iγ̂2 = (p1 + i p2)/k² · (κ̂_E + iκ̂_B) (forward) and
 * κ̂_E + iκ̂_B = (p1 − i p2)/k² · (γ̂1 + iγ̂2) (inverse). The k = 0 mode and the Nyquist row and
 * column of even-sized axes map to zero, which makes the inverse exactly the adjoint of the forward
 * and inverse∘forward the projection that removes those modes. Immutable and thread-safe.
 */
public final class KaiserSquires {
    private final int nx;
    private final int ny;
    private final Fft2 fft;
    /** p1/k² per Fourier mode, 0 on removed modes. */
    private final double[] c1;
    /** p2/k² per Fourier mode, 0 on removed modes. */
    private final double[] c2;

    public KaiserSquires(int nx, int ny) {
        this.nx = nx;
        this.ny = ny;
        this.fft = new Fft2(nx, ny);
        this.c1 = new double[nx * ny];
        this.c2 = new double[nx * ny];
        for (int iy = 0; iy < ny; iy++) {
            double ky = Fft2.freq(iy, ny);
            for (int ix = 0; ix < nx; ix++) {
                double kx = Fft2.freq(ix, nx);
                double k2 = kx * kx + ky * ky;
                if (k2 == 0 || Fft2.isNyquist(ix, nx) || Fft2.isNyquist(iy, ny)) {
                    continue;
                }
                c1[iy * nx + ix] = (kx * kx - ky * ky) / k2;
                c2[iy * nx + ix] = 2 * kx * ky / k2;
            }
        }
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public Fft2 fft() {
        return fft;
    }

    /** 1 on the Fourier modes this operator keeps, 0 on k = 0 and the Nyquist row/column of even sizes. */
    public double[] keptModes() {
        double[] kept = new double[nx * ny];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = c1[i] != 0 || c2[i] != 0 ? 1 : 0;
        }
        return kept;
    }

    /** Shear (γ1, γ2) of convergence (κ_E, κ_B); κ_B may be null for a pure E mode. Returns {γ1, γ2}. */
    public double[][] forward(double[] kappaE, double[] kappaB) {
        double[] c = fft.pack(kappaE, kappaB);
        forwardInPlace(c);
        return new double[][] {Fft2.real(c), Fft2.imag(c)};
    }

    /** Convergence (κ_E, κ_B) of shear (γ1, γ2). Returns {κ_E, κ_B}. */
    public double[][] inverse(double[] gamma1, double[] gamma2) {
        double[] c = fft.pack(gamma1, gamma2);
        inverseInPlace(c);
        return new double[][] {Fft2.real(c), Fft2.imag(c)};
    }

    /** In place on an interleaved complex map κ_E + iκ_B, leaving γ1 + iγ2. */
    public void forwardInPlace(double[] complexMap) {
        fft.forward(complexMap);
        multiplyInFourierSpace(complexMap, 1);
        fft.inverse(complexMap);
    }

    /** In place on an interleaved complex map γ1 + iγ2, leaving κ_E + iκ_B. */
    public void inverseInPlace(double[] complexMap) {
        fft.forward(complexMap);
        multiplyInFourierSpace(complexMap, -1);
        fft.inverse(complexMap);
    }

    /**
     * Multiplies Fourier coefficients by (p1 + i·sign·p2)/k²: sign = +1 is the forward operator,
     * sign = −1 the inverse (its adjoint).
     */
    public void multiplyInFourierSpace(double[] spectrum, int sign) {
        for (int i = 0; i < c1.length; i++) {
            double re = spectrum[2 * i];
            double im = spectrum[2 * i + 1];
            double a = c1[i];
            double b = sign * c2[i];
            spectrum[2 * i] = a * re - b * im;
            spectrum[2 * i + 1] = a * im + b * re;
        }
    }
}
