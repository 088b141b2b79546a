package org.massmap.fft;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Complex 2-D FFT of a fixed ny x nx shape, in place on interleaved arrays of length 2*nx*ny
 * (element (iy, ix) at [2*(iy*nx+ix)] real, [+1] imaginary). Forward is unnormalised, inverse is
 * scaled by 1/(nx*ny).
 *
 * <p>Thread-safe: JTransforms' {@code DoubleFFT_2D} mutates itself while it runs, so each thread
 * gets its own plan. How many threads JTransforms itself uses inside one transform is a
 * process-wide setting, made once by {@code org.massmap.runtime.ThreadSettings}.
 */
public final class Fft2 {
    private final int nx;
    private final int ny;
    private final ThreadLocal<DoubleFFT_2D> plans;

    public Fft2(int nx, int ny) {
        if (nx < 1 || ny < 1) {
            throw new IllegalArgumentException("FFT shape must be positive, got " + nx + "x" + ny);
        }
        this.nx = nx;
        this.ny = ny;
        this.plans = ThreadLocal.withInitial(() -> new DoubleFFT_2D(ny, nx));
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** Forward transform, in place: X[k] = sum_n x[n] exp(-2 pi i k.n / N). */
    public void forward(double[] interleaved) {
        checkLength(interleaved);
        plans.get().complexForward(interleaved);
    }

    /** Inverse transform with 1/(nx*ny) scaling, in place. */
    public void inverse(double[] interleaved) {
        checkLength(interleaved);
        plans.get().complexInverse(interleaved, true);
    }

    /** Interleaved complex array holding re + i*im (either may be null for zero). */
    public double[] pack(double[] re, double[] im) {
        int n = nx * ny;
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = re == null ? 0 : re[i];
            c[2 * i + 1] = im == null ? 0 : im[i];
        }
        return c;
    }

    /** FFT of a real map, as a new interleaved complex array (see {@link #forwardReal(double[], double[])}). */
    public double[] forwardReal(double[] map) {
        double[] c = new double[2 * nx * ny];
        forwardReal(map, c);
        return c;
    }

    /**
     * FFT of a real map into {@code spectrum} (full interleaved, Hermitian), by a real-input transform
     * that costs about two thirds of a complex one. The result depends only on the map, never on
     * other maps transformed before or after it.
     */
    public void forwardReal(double[] map, double[] spectrum) {
        if (map.length != nx * ny) {
            throw new IllegalArgumentException("expected a real map of " + nx * ny + " pixels for " + nx + "x" + ny);
        }
        checkLength(spectrum);
        System.arraycopy(map, 0, spectrum, 0, map.length);
        plans.get().realForwardFull(spectrum);
    }

    /**
     * Real maps of two Hermitian spectra from one complex inverse transform: IFFT(A + i·B) has the
     * real map of A as its real part and that of B as its imaginary part. Use it for two maps that
     * always travel together (two terms of one map's score), never to pair maps of a batch, whose
     * results would then depend on their partner in the last bits. The spectra must be
     * Hermitian (X_−k = conj X_k), as products of real maps' spectra with real, even filters are; the
     * imaginary parts they would have otherwise are dropped. {@code specA} is used as scratch space.
     *
     * @param specA  interleaved Hermitian spectrum (overwritten)
     * @param specB  second Hermitian spectrum
     * @param outA   real map of A, written
     * @param outB   real map of B, written
     */
    public void inverseRealPair(double[] specA, double[] specB, double[] outA, double[] outB) {
        int n = nx * ny;
        checkLength(specA);
        checkLength(specB);
        if (outA.length != n || outB.length != n) {
            throw new IllegalArgumentException("expected output maps of " + n + " pixels for " + nx + "x" + ny);
        }
        for (int i = 0; i < n; i++) {
            // (Ar + i·Ai) + i·(Br + i·Bi)
            double re = specA[2 * i] - specB[2 * i + 1];
            double im = specA[2 * i + 1] + specB[2 * i];
            specA[2 * i] = re;
            specA[2 * i + 1] = im;
        }
        inverse(specA);
        for (int i = 0; i < n; i++) {
            outA[i] = specA[2 * i];
            outB[i] = specA[2 * i + 1];
        }
    }

    /**
     * Real map of a spectrum: the real part of its inverse transform (1/(nx·ny) scaled), written into
     * {@code out}; {@code spectrum} is overwritten.
     */
    public void inverseToReal(double[] spectrum, double[] out) {
        if (out.length != nx * ny) {
            throw new IllegalArgumentException("expected an output map of " + nx * ny + " pixels for " + nx + "x" + ny);
        }
        inverse(spectrum);
        for (int i = 0; i < out.length; i++) {
            out[i] = spectrum[2 * i];
        }
    }

    /**
     * out = F⁻¹[gain·F map] for a real per-mode gain (element i for mode i, row-major iy·nx + ix),
     * i.e. a real, symmetric Fourier filter of a real map; {@code spectrum} (2·nx·ny) is scratch.
     */
    public void filterReal(double[] map, double[] gain, double[] spectrum, double[] out) {
        forwardReal(map, spectrum);
        for (int i = 0; i < gain.length; i++) {
            spectrum[2 * i] *= gain[i];
            spectrum[2 * i + 1] *= gain[i];
        }
        inverseToReal(spectrum, out);
    }

    /** Real part of an interleaved complex array. */
    public static double[] real(double[] interleaved) {
        double[] r = new double[interleaved.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = interleaved[2 * i];
        }
        return r;
    }

    /** Imaginary part of an interleaved complex array. */
    public static double[] imag(double[] interleaved) {
        double[] r = new double[interleaved.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = interleaved[2 * i + 1];
        }
        return r;
    }

    /** Frequency in cycles per sample of index i along an axis of length n (numpy fftfreq). */
    public static double freq(int i, int n) {
        return (i < (n + 1) / 2 ? i : i - n) / (double) n;
    }

    /** True where index i is the Nyquist frequency (-1/2) of an even-length axis. */
    public static boolean isNyquist(int i, int n) {
        return n % 2 == 0 && i == n / 2;
    }

    private void checkLength(double[] a) {
        if (a.length != 2 * nx * ny) {
            throw new IllegalArgumentException("expected an interleaved complex array of length " + 2 * nx * ny
                    + " for " + nx + "x" + ny + ", got " + a.length);
        }
    }
}
