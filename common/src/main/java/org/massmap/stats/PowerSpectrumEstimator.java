package org.massmap.stats;

import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;

/**
 * Binned angular power spectrum of a flat-sky map on a periodic tile: for each Fourier mode,
 * Ĉ(ℓ) = |FFT(κ)_k|² Δ² / N with ℓ = 2π|k|/Δ (the inverse of {@code PowerMap}'s convention),
 * averaged in logarithmic ℓ bins between the fundamental mode 2π/(nΔ) and the largest |k|.
 * The k = 0 mode is excluded. Immutable and thread-safe.
 */
public final class PowerSpectrumEstimator {
    private final int nx;
    private final int ny;
    private final double delta;
    private final double[] edges;
    private final int[] binOfMode;
    private final double[] ellCentre;
    private final int[] modesPerBin;
    private final Fft2 fft;

    /**
     * @param nBins number of logarithmic bins between the fundamental and the largest multipole
     */
    public PowerSpectrumEstimator(TileGrid grid, int nBins) {
        if (nBins < 1) {
            throw new IllegalArgumentException("need at least one ell bin, got " + nBins);
        }
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.delta = grid.pixelRad();
        this.fft = new Fft2(nx, ny);
        double ellMin = 2 * Math.PI / (Math.max(nx, ny) * delta);
        double ellMax = 2 * Math.PI * Math.sqrt(0.5) / delta * (1 + 1e-9);
        edges = new double[nBins + 1];
        for (int b = 0; b <= nBins; b++) {
            edges[b] = ellMin * Math.pow(ellMax / ellMin, (double) b / nBins);
        }
        edges[0] *= 1 - 1e-9;
        binOfMode = new int[nx * ny];
        double[] ellSum = new double[nBins];
        modesPerBin = new int[nBins];
        for (int iy = 0; iy < ny; iy++) {
            double ky = Fft2.freq(iy, ny);
            for (int ix = 0; ix < nx; ix++) {
                double kx = Fft2.freq(ix, nx);
                double ell = 2 * Math.PI * Math.sqrt(kx * kx + ky * ky) / delta;
                int b = bin(ell);
                binOfMode[iy * nx + ix] = (ix == 0 && iy == 0) ? -1 : b;
                if (b >= 0 && !(ix == 0 && iy == 0)) {
                    ellSum[b] += ell;
                    modesPerBin[b]++;
                }
            }
        }
        ellCentre = new double[nBins];
        for (int b = 0; b < nBins; b++) {
            ellCentre[b] = modesPerBin[b] > 0 ? ellSum[b] / modesPerBin[b] : Math.sqrt(edges[b] * edges[b + 1]);
        }
    }

    private int bin(double ell) {
        if (ell < edges[0] || ell > edges[edges.length - 1]) {
            return -1;
        }
        int lo = 0;
        int hi = edges.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (ell >= edges[mid]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Mean multipole of the modes in each bin. */
    public double[] ell() {
        return ellCentre.clone();
    }

    /** Number of Fourier modes in each bin (bins with none give NaN power). */
    public int[] modesPerBin() {
        return modesPerBin.clone();
    }

    /** Binned power spectrum of one map (its mean is ignored). */
    public double[] estimate(double[] map) {
        double[] c = fft.forwardReal(map);
        return binned(c, c);
    }

    /** Binned cross power spectrum Re(FFT(a)·FFT(b)*) of two maps, normalised as {@link #estimate} (a = b gives it). */
    public double[] cross(double[] a, double[] b) {
        return binned(fft.forwardReal(a), fft.forwardReal(b));
    }

    /** Mean of Re(ca·cb*)·Δ²/N over the modes of each bin (NaN for empty bins). */
    private double[] binned(double[] ca, double[] cb) {
        double[] sum = new double[ellCentre.length];
        for (int i = 0; i < binOfMode.length; i++) {
            int bin = binOfMode[i];
            if (bin >= 0) {
                sum[bin] += ca[2 * i] * cb[2 * i] + ca[2 * i + 1] * cb[2 * i + 1];
            }
        }
        double norm = delta * delta / (nx * ny);
        for (int bin = 0; bin < sum.length; bin++) {
            sum[bin] = modesPerBin[bin] > 0 ? sum[bin] * norm / modesPerBin[bin] : Double.NaN;
        }
        return sum;
    }

    /** The expected binned spectrum of fields with a per-mode power map P (same binning, Ĉ = P·Δ²). */
    public double[] expected(org.massmap.prior.PowerMap power) {
        double[] sum = new double[ellCentre.length];
        for (int i = 0; i < binOfMode.length; i++) {
            int b = binOfMode[i];
            if (b >= 0) {
                sum[b] += power.at(i);
            }
        }
        for (int b = 0; b < sum.length; b++) {
            sum[b] = modesPerBin[b] > 0 ? sum[b] * delta * delta / modesPerBin[b] : Double.NaN;
        }
        return sum;
    }
}
