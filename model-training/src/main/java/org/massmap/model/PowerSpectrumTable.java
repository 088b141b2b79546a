package org.massmap.model;

import java.util.Arrays;
import java.util.Locale;
import org.massmap.fft.Fft2;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tabulated convergence power spectrum C_ℓ (dimensionless, per multipole ℓ), the Gaussian part of
 * the hybrid prior. Stored verbatim in every model file so a sampler rebuilds the identical theory
 * score s_th,σ = −IFFT(FFT(κ)/(P + σ²)) with P the pixel-windowed power map of {@link PowerMap#fromCl}
 * (C_ℓ(2π|k + n|/Δ)·sinc²·sinc²/Δ² summed over the aliases n; it needs C_ℓ to 2π√2·3.5/Δ).
 *
 * <p>Between nodes C_ℓ is interpolated linearly in (ln ℓ, ln C_ℓ); outside the table it is extended
 * by the power law through the two end nodes (a grid needing that logs a warning, it is not an
 * error). Immutable (arrays are copied in and out).
 *
 * @param ell    strictly increasing multipoles, > 0, at least 2 nodes
 * @param cl     C_ℓ at those multipoles, > 0
 * @param source where the C_ℓ came from (cosmology, transfer function, non-linear model, n(z); or a
 *               file), printed and recorded by the runs that use it; "" when unknown
 */
public record PowerSpectrumTable(double[] ell, double[] cl, String source) {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSpectrumTable.class);

    /** A table of unstated origin. */
    public PowerSpectrumTable(double[] ell, double[] cl) {
        this(ell, cl, "");
    }

    public PowerSpectrumTable {
        source = source == null ? "" : source;
        if (ell == null || cl == null || ell.length != cl.length || ell.length < 2) {
            throw new IllegalArgumentException("a C_ell table needs two arrays of equal length >= 2, got "
                    + (ell == null ? null : ell.length) + " ell and " + (cl == null ? null : cl.length) + " C_ell values");
        }
        ell = ell.clone();
        cl = cl.clone();
        for (int i = 0; i < ell.length; i++) {
            if (!(ell[i] > 0) || !Double.isFinite(ell[i]) || (i > 0 && !(ell[i] > ell[i - 1]))) {
                throw new IllegalArgumentException("C_ell table: ell must be positive and strictly increasing; entry " + i + " is " + ell[i]);
            }
            if (!(cl[i] > 0) || !Double.isFinite(cl[i])) {
                throw new IllegalArgumentException("C_ell table: C_ell must be positive and finite; entry " + i + " (ell=" + ell[i] + ") is " + cl[i]);
            }
        }
    }

    @Override
    public double[] ell() {
        return ell.clone();
    }

    @Override
    public double[] cl() {
        return cl.clone();
    }

    /** C_ℓ at any ℓ > 0 (log-log interpolation, power-law extension beyond the nodes). */
    public double at(double l) {
        int n = ell.length;
        int i;
        if (l <= ell[0]) {
            i = 0;
        } else if (l >= ell[n - 1]) {
            i = n - 2;
        } else {
            int pos = Arrays.binarySearch(ell, l);
            if (pos >= 0) {
                return cl[pos];
            }
            i = -pos - 2;
        }
        double t = Math.log(l / ell[i]) / Math.log(ell[i + 1] / ell[i]);
        return Math.exp(Math.log(cl[i]) + t * Math.log(cl[i + 1] / cl[i]));
    }

    /** Largest multipole of a grid, 2π·|k|max/Δ with |k|max = √(kx² + ky²) at the Nyquist corner. */
    public static double maxEll(TileGrid grid) {
        double kx = Math.abs(Fft2.freq(grid.nx() / 2, grid.nx()));
        double ky = Math.abs(Fft2.freq(grid.ny() / 2, grid.ny()));
        return 2 * Math.PI * Math.hypot(kx, ky) / grid.pixelRad();
    }

    /** Smallest non-zero multipole of a grid. */
    public static double minEll(TileGrid grid) {
        return 2 * Math.PI / (Math.max(grid.nx(), grid.ny()) * grid.pixelRad());
    }

    /** The power map of a grid from this table (warns once if the grid reaches beyond the table). */
    public PowerMap powerMap(TileGrid grid) {
        double lo = minEll(grid);
        double hi = maxEll(grid);
        if (lo < ell[0] || hi > ell[ell.length - 1]) {
            LOG.warn(String.format(Locale.ROOT, "C_ell table covers ell %.4g..%.4g but the %s grid needs %.4g..%.4g;"
                    + " extending by a power law", ell[0], ell[ell.length - 1], grid, lo, hi));
        }
        return PowerMap.fromCl(grid, this::at);
    }

    /**
     * Largest |ΔC/C| between this table and another, over the multipoles of a grid's Fourier modes
     * (what matters for a theory score on that grid).
     */
    public double maxRelativeDifference(PowerSpectrumTable other, TileGrid grid) {
        double worst = 0;
        for (int iy = 0; iy < grid.ny(); iy++) {
            for (int ix = 0; ix < grid.nx(); ix++) {
                if (ix == 0 && iy == 0) {
                    continue;
                }
                double l = 2 * Math.PI * Math.hypot(Fft2.freq(ix, grid.nx()), Fft2.freq(iy, grid.ny())) / grid.pixelRad();
                double a = at(l);
                worst = Math.max(worst, Math.abs(other.at(l) - a) / a);
            }
        }
        return worst;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerSpectrumTable t && Arrays.equals(ell, t.ell) && Arrays.equals(cl, t.cl);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ell) + Arrays.hashCode(cl);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "C_ell table (%d nodes, ell %.4g..%.4g)", ell.length, ell[0], ell[ell.length - 1]);
    }
}
