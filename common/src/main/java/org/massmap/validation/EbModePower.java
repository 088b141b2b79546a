package org.massmap.validation;

import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.catalog.BinnedShear;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;
import org.massmap.prior.GaussianFieldGenerator;
import org.massmap.prior.PowerMap;
import org.massmap.stats.PowerSpectrumEstimator;

/**
 * E- and B-mode band powers of the Kaiser-Squires maps of binned shear (empty pixels as γ = 0, as
 * {@code massmap ks} maps them), next to the same band powers of shape-noise-only realisations of
 * the same catalog (e.g. {@link org.massmap.catalog.RandomRotation}). Lensing makes E modes only:
 * with the right ellipticity convention the E power exceeds the noise where the signal is
 * measurable and the B power stays near it; a reflected convention shares the signal equally
 * between E and B (except in modes along the grid axes or diagonals, which a reflection leaves in
 * place), and e → i·e moves it all into B. The mask's empty pixels also leak some E into B.
 *
 * <p>Band powers follow {@link PowerSpectrumEstimator} (logarithmic ℓ bins, C_ℓ units). The noise
 * reference pools the E and B maps of every realisation (their expectations are equal):
 * {@code noiseMean} is their mean band power, {@code noiseStd} the scatter of one map's band power.
 * Realisations made by rotating the data's own ellipticities carry the signal's ⟨|γ|²⟩ in their
 * variance, a bias of ⟨|γ|²⟩/σ_e² on the noise power: negligible for survey data (COSMOS: ≈ 10⁻³/0.09).
 *
 * @param ell        mean multipole of each band
 * @param modes      Fourier modes per band
 * @param powerE     E-mode band power of the data
 * @param powerB     B-mode band power of the data
 * @param noiseMean  mean band power of the noise maps
 * @param noiseStd   standard deviation of one noise map's band power
 * @param noiseMaps  number of noise maps pooled (two per realisation)
 */
public record EbModePower(double[] ell, int[] modes, double[] powerE, double[] powerB, double[] noiseMean,
                          double[] noiseStd, int noiseMaps) {

    /**
     * @param data  the binned shear
     * @param noise shape-noise-only binnings on the same grid (at least two)
     * @param bands number of logarithmic ℓ bands
     */
    public static EbModePower of(BinnedShear data, List<BinnedShear> noise, int bands) {
        NoiseReference ref = new NoiseReference(data, noise, bands);
        double[][] k = ref.ks.inverse(data.gamma1(), data.gamma2());
        return new EbModePower(ref.ps.ell(), ref.ps.modesPerBin(), ref.ps.estimate(k[0]), ref.ps.estimate(k[1]),
                ref.mean, ref.std, 2 * noise.size());
    }

    /**
     * What a pure E-mode signal observed like the data gives: for each noise realisation r, a
     * Gaussian κ_E with power map {@code power} (periodic on the tile), its shear kept on the data's
     * observed pixels and zero elsewhere, plus realisation r's noise; then the E and B excesses over
     * the same noise reference as {@link #of}. The B excess is the E-to-B leakage of the mask (and
     * of the zero-filled empty pixels) for that signal; a convention is sound when the data's B
     * excess is within the scatter of it.
     *
     * @param data  supplies the grid and the mask of observed pixels
     * @param noise shape-noise-only binnings on the data's grid (at least two)
     * @param power power map of the simulated κ_E on the data's grid
     * @param rng   draws the fields
     */
    public static PureE pureE(BinnedShear data, List<BinnedShear> noise, PowerMap power, int bands, RandomGenerator rng) {
        TileGrid grid = data.grid();
        if (power.nx() != grid.nx() || power.ny() != grid.ny()) {
            throw new IllegalArgumentException("power map is " + power.nx() + "x" + power.ny() + ", the grid " + grid);
        }
        NoiseReference ref = new NoiseReference(data, noise, bands);
        GaussianFieldGenerator fields = new GaussianFieldGenerator(power);
        boolean[] mask = data.mask();
        int r = noise.size();
        double[][] exE = new double[r][];
        double[][] exB = new double[r][];
        for (int i = 0; i < r; i++) {
            double[][] g = ref.ks.forward(fields.draw(rng), null);
            double[] n1 = noise.get(i).gamma1();
            double[] n2 = noise.get(i).gamma2();
            for (int p = 0; p < mask.length; p++) {
                g[0][p] = mask[p] ? g[0][p] + n1[p] : 0;
                g[1][p] = mask[p] ? g[1][p] + n2[p] : 0;
            }
            double[][] k = ref.ks.inverse(g[0], g[1]);
            exE[i] = ref.excess(ref.ps.estimate(k[0]));
            exB[i] = ref.excess(ref.ps.estimate(k[1]));
        }
        return new PureE(ref.ps.ell(), mean(exE), std(exE), mean(exB), std(exB), r);
    }

    /**
     * Mean and scatter over simulated pure-E fields ({@link #pureE}) of the E and B excesses over
     * noise, (P − N)/σ_N, per band.
     */
    public record PureE(double[] ell, double[] meanExcessE, double[] stdExcessE, double[] meanExcessB,
                        double[] stdExcessB, int realisations) {
    }

    /** KS operator, band-power estimator, and the pooled noise band powers of a set of noise binnings. */
    private static final class NoiseReference {
        final KaiserSquires ks;
        final PowerSpectrumEstimator ps;
        final double[] mean;
        final double[] std;

        NoiseReference(BinnedShear data, List<BinnedShear> noise, int bands) {
            if (noise.size() < 2) {
                throw new IllegalArgumentException("need at least two noise realisations, got " + noise.size());
            }
            TileGrid grid = data.grid();
            boolean[] mask = data.mask();
            ks = new KaiserSquires(grid.nx(), grid.ny());
            ps = new PowerSpectrumEstimator(grid, bands);
            double[][] p = new double[2 * noise.size()][];
            int j = 0;
            for (BinnedShear n : noise) {
                if (!n.grid().equals(grid)) {
                    throw new IllegalArgumentException("noise realisation on " + n.grid() + ", data on " + grid);
                }
                if (!java.util.Arrays.equals(n.mask(), mask)) {
                    throw new IllegalArgumentException("noise realisations must cover the data's pixels exactly (bin rotated "
                            + "copies of the same galaxies): " + n.occupiedPixels() + " occupied pixels against "
                            + data.occupiedPixels());
                }
                double[][] k = ks.inverse(n.gamma1(), n.gamma2());
                p[j++] = ps.estimate(k[0]);
                p[j++] = ps.estimate(k[1]);
            }
            mean = mean(p);
            std = std(p);
        }

        double[] excess(double[] power) {
            double[] x = new double[power.length];
            for (int b = 0; b < x.length; b++) {
                x[b] = (power[b] - mean[b]) / std[b];
            }
            return x;
        }
    }

    private static double[] mean(double[][] rows) {
        double[] m = new double[rows[0].length];
        for (double[] row : rows) {
            for (int b = 0; b < m.length; b++) {
                m[b] += row[b] / rows.length;
            }
        }
        return m;
    }

    /** Sample standard deviation (n − 1) of each column. */
    private static double[] std(double[][] rows) {
        double[] m = mean(rows);
        double[] s = new double[m.length];
        for (double[] row : rows) {
            for (int b = 0; b < m.length; b++) {
                s[b] += (row[b] - m[b]) * (row[b] - m[b]);
            }
        }
        for (int b = 0; b < s.length; b++) {
            s[b] = Math.sqrt(s[b] / (rows.length - 1));
        }
        return s;
    }

    public int bands() {
        return ell.length;
    }

    /** (P_E − N) / σ_N in band {@code b}: the E excess over noise in units of one noise map's scatter. */
    public double excessE(int b) {
        return (powerE[b] - noiseMean[b]) / noiseStd[b];
    }

    /** (P_B − N) / σ_N in band {@code b}. */
    public double excessB(int b) {
        return (powerB[b] - noiseMean[b]) / noiseStd[b];
    }

    /** P_E / P_B in band {@code b}. */
    public double ratio(int b) {
        return powerE[b] / powerB[b];
    }

    /**
     * Σ (P_E − P_B)/σ_N over the bands with mean ℓ in [ellMin, ellMax]: how much more the E maps hold
     * than the B maps, in units of the noise scatter (≈ 0 when the convention shares the signal
     * equally, large and positive when it is all E, negative when it is all B).
     */
    public double eMinusB(double ellMin, double ellMax) {
        double s = 0;
        for (int b = 0; b < bands(); b++) {
            if (ell[b] >= ellMin && ell[b] <= ellMax) {
                s += (powerE[b] - powerB[b]) / noiseStd[b];
            }
        }
        return s;
    }
}
