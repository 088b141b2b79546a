package org.massmap.stats;

import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;

/**
 * Measured over expected power of a set of maps, per ℓ band, with its statistical error: for each
 * map, the band mean of |FFT(κ)_k|²/(N_pix·P[k]) over the band's modes k ≠ 0 (k and −k both
 * counted, like every mode of the grid); then the mean of these per-map values and the standard
 * error of that mean, s/√M over the M maps. The error comes from the maps' scatter, so it includes
 * non-Gaussian (halo) sample variance. Bands are logarithmic in ℓ = 2π|k|/Δ from the fundamental
 * 2π/(nΔ) to the grid's corner 2π·0.707/Δ. A mutable accumulator: one per thread.
 */
public final class BandPowerRatio {
    private final Fft2 fft;
    private final double[] expected;
    private final int[] bandOfMode;
    private final int[] modes;
    private final double[] edges;
    private final double[] ellMean;
    private final double[] sum;
    private final double[] sumSq;
    private int maps;

    /**
     * @param grid     the maps' grid
     * @param bands    number of logarithmic ℓ bands
     * @param expected expected power per Fourier index (row-major, {@code PowerMap} normalisation); entry 0 unused
     */
    public BandPowerRatio(TileGrid grid, int bands, double[] expected) {
        int nx = grid.nx();
        int ny = grid.ny();
        if (bands < 1 || expected.length != nx * ny) {
            throw new IllegalArgumentException("need >= 1 band and " + nx * ny + " expected powers, got " + bands + " and " + expected.length);
        }
        this.fft = new Fft2(nx, ny);
        this.expected = expected.clone();
        double lo = 2 * Math.PI / (Math.max(nx, ny) * grid.pixelRad()) * (1 - 1e-9);
        double hi = 2 * Math.PI * Math.sqrt(0.5) / grid.pixelRad() * (1 + 1e-9);
        edges = new double[bands + 1];
        for (int b = 0; b <= bands; b++) {
            edges[b] = lo * Math.pow(hi / lo, (double) b / bands);
        }
        bandOfMode = new int[nx * ny];
        modes = new int[bands];
        ellMean = new double[bands];
        for (int iy = 0; iy < ny; iy++) {
            for (int ix = 0; ix < nx; ix++) {
                int i = iy * nx + ix;
                double ell = 2 * Math.PI * Math.hypot(Fft2.freq(ix, nx), Fft2.freq(iy, ny)) / grid.pixelRad();
                int b = i == 0 ? -1 : band(ell);
                bandOfMode[i] = b;
                if (b >= 0) {
                    if (!(expected[i] > 0)) {
                        throw new IllegalArgumentException("expected power must be positive at mode " + i + ", got " + expected[i]);
                    }
                    modes[b]++;
                    ellMean[b] += ell;
                }
            }
        }
        for (int b = 0; b < bands; b++) {
            ellMean[b] /= Math.max(1, modes[b]);
        }
        sum = new double[bands];
        sumSq = new double[bands];
    }

    private int band(double ell) {
        for (int b = 0; b < edges.length - 1; b++) {
            if (ell >= edges[b] && ell < edges[b + 1]) {
                return b;
            }
        }
        return -1;
    }

    /** Adds one map (row-major; its mean is ignored). */
    public void add(double[] map) {
        double[] c = fft.forwardReal(map);
        double n = map.length;
        double[] perMap = new double[modes.length];
        for (int i = 1; i < bandOfMode.length; i++) {
            int b = bandOfMode[i];
            if (b >= 0) {
                perMap[b] += (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]) / (n * expected[i]);
            }
        }
        for (int b = 0; b < modes.length; b++) {
            if (modes[b] > 0) {
                double r = perMap[b] / modes[b];
                sum[b] += r;
                sumSq[b] += r * r;
            }
        }
        maps++;
    }

    public int bands() {
        return modes.length;
    }

    public int maps() {
        return maps;
    }

    /** Fourier modes in band b (0 for an empty band, whose ratio is NaN). */
    public int modes(int b) {
        return modes[b];
    }

    /** The band of Fourier index i (row-major), or −1 for k = 0 and modes outside every band. */
    public int bandOf(int i) {
        return bandOfMode[i];
    }

    /** Lower and upper ℓ edge of band b. */
    public double ellLow(int b) {
        return edges[b];
    }

    public double ellHigh(int b) {
        return edges[b + 1];
    }

    /** Mean ℓ of band b's modes. */
    public double ell(int b) {
        return ellMean[b];
    }

    /** Mean over maps of the band's measured/expected power. */
    public double mean(int b) {
        return modes[b] == 0 || maps == 0 ? Double.NaN : sum[b] / maps;
    }

    /** Standard error of {@link #mean(int)} from the scatter of the per-map values (needs ≥ 2 maps). */
    public double error(int b) {
        if (modes[b] == 0 || maps < 2) {
            return Double.NaN;
        }
        double m = sum[b] / maps;
        double var = (sumSq[b] - maps * m * m) / (maps - 1);
        return Math.sqrt(Math.max(0, var) / maps);
    }
}
