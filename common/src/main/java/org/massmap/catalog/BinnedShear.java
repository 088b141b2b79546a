package org.massmap.catalog;

import java.util.List;
import java.util.SortedSet;
import org.massmap.grid.TileGrid;

/**
 * The binned shear of one tile, ready for the likelihood (docs/conventions.md, Binned shear): weighted mean shear
 * maps, galaxy counts, mask and per-pixel noise. Maps are flat row-major arrays of the tile's grid
 * (index iy·nx + ix, column towards West, row towards North); every accessor returns a copy.
 * Shear components are in the grid frame (x West, y North) after rotation into the tile's
 * tangent-plane frame, the convention of {@link org.massmap.lensing.KaiserSquires}. Immutable.
 *
 * <ul>
 *   <li>γ1, γ2 = Σw·γ / Σw (dimensionless); 0 in empty pixels.</li>
 *   <li>mask: count &gt; 0.</li>
 *   <li>σ_n = σ_e·√(Σw²)/Σw per pixel and component (σ_e/√n for equal weights); +∞ in empty
 *       pixels, so that their inverse variance 1/σ_n² is exactly 0 (see {@link #inverseNoiseVariance()}).</li>
 *   <li>σ_e, when measured: σ_e² = Σ w²·|e|²/2 / Σ w² over the binned galaxies with |e| &lt; 5σ_e
 *       (iterated clip on a histogram of |e| with bins of 0.002; |e| ≥ 4 is always excluded). The w²
 *       weighting makes σ_e²·Σw² the best estimate of Σ w²·Var(e) for galaxies of unequal
 *       variance, which is what σ_n needs; the clip keeps failed shape measurements (|e| ≫ 1) from
 *       dominating. It is measured about zero, not about the mean: the lensing signal adds its
 *       ⟨γ²⟩/2 ≈ 10⁻⁴ to σ_e², negligible against σ_e² ≈ 0.07.</li>
 * </ul>
 */
public final class BinnedShear {
    static final double CLIP_SIGMAS = 5.0;

    private final TileGrid grid;
    private final double[] gamma1;
    private final double[] gamma2;
    private final int[] count;
    private final double[] sumW;
    private final double[] sumW2;
    private final double sigmaE;
    private final ShapeNoise.Source sigmaESource;
    private final long used;
    private final long outside;
    private final long droppedNonFinite;
    private final long droppedZeroWeight;
    private final List<String> sources;
    private final int occupied;

    BinnedShear(TileGrid grid, ShearAccumulator acc, double sigmaE, ShapeNoise.Source sigmaESource) {
        int n = grid.size();
        this.grid = grid;
        this.gamma1 = new double[n];
        this.gamma2 = new double[n];
        this.count = acc.count.clone();
        this.sumW = acc.sumW();
        this.sumW2 = acc.sumW2();
        double[] sumWG1 = acc.sumWG1();
        double[] sumWG2 = acc.sumWG2();
        int occ = 0;
        for (int i = 0; i < n; i++) {
            if (count[i] > 0) {
                gamma1[i] = sumWG1[i] / sumW[i];
                gamma2[i] = sumWG2[i] / sumW[i];
                occ++;
            }
        }
        this.occupied = occ;
        this.sigmaE = sigmaE;
        this.sigmaESource = sigmaESource;
        this.used = acc.used();
        this.outside = acc.outside();
        this.droppedNonFinite = acc.droppedNonFinite();
        this.droppedZeroWeight = acc.droppedZeroWeight();
        SortedSet<String> s = acc.sources();
        this.sources = List.copyOf(s);
    }

    private BinnedShear(TileGrid grid, double[] gamma1, double[] gamma2, int[] count, double[] sumW, double[] sumW2, BinnedShear of) {
        this.grid = grid;
        this.gamma1 = gamma1;
        this.gamma2 = gamma2;
        this.count = count;
        this.sumW = sumW;
        this.sumW2 = sumW2;
        this.occupied = of.occupied;
        this.sigmaE = of.sigmaE;
        this.sigmaESource = of.sigmaESource;
        this.used = of.used;
        this.outside = of.outside;
        this.droppedNonFinite = of.droppedNonFinite;
        this.droppedZeroWeight = of.droppedZeroWeight;
        this.sources = of.sources;
    }

    /**
     * This tile's binned shear placed in the centre of {@code e}'s larger grid, with empty pixels (no
     * galaxies: γ = 0, mask false, σ_n = +∞) in the margin; every count and σ_e is this one's. This
     * object itself for the identity embedding.
     *
     * @throws IllegalArgumentException when {@code e} embeds another grid
     */
    public BinnedShear embeddedIn(org.massmap.grid.TileEmbedding e) {
        if (!e.tile().equals(grid)) {
            throw new IllegalArgumentException("the embedding is of " + e.tile() + ", not of this tile " + grid);
        }
        if (e.isIdentity()) {
            return this;
        }
        return new BinnedShear(e.outer(), e.embed(gamma1, 0), e.embed(gamma2, 0), e.embed(count), e.embed(sumW, 0),
                e.embed(sumW2, 0), this);
    }

    /**
     * Clipped, w²-weighted per-component σ_e from the |e| histogram (see the class comment); NaN
     * when the histogram is empty.
     */
    static double measureSigmaE(double[] histW2, double[] histW2E2) {
        double w2 = 0;
        double w2e2 = 0;
        for (int b = 0; b < histW2.length; b++) {
            w2 += histW2[b];
            w2e2 += histW2E2[b];
        }
        if (!(w2 > 0)) {
            return Double.NaN;
        }
        double var = w2e2 / w2 / 2; // per component: <|e|^2>/2
        int bins = histW2.length - 1;
        double width = ShearAccumulator.E_MAX / bins;
        int last = -1;
        for (int iter = 0; iter < 100; iter++) {
            double clip = CLIP_SIGMAS * Math.sqrt(var);
            int upTo = (int) Math.min(bins, Math.ceil(clip / width - 0.5)); // bins whose centre lies below the clip
            if (upTo == last) {
                break;
            }
            last = upTo;
            w2 = 0;
            w2e2 = 0;
            for (int b = 0; b < upTo; b++) {
                w2 += histW2[b];
                w2e2 += histW2E2[b];
            }
            if (!(w2 > 0)) {
                return 0.0;
            }
            var = w2e2 / w2 / 2;
        }
        return Math.sqrt(var);
    }

    public TileGrid grid() {
        return grid;
    }

    /** Weighted mean γ1 per pixel, grid frame; 0 where empty. */
    public double[] gamma1() {
        return gamma1.clone();
    }

    /** Weighted mean γ2 per pixel, grid frame; 0 where empty. */
    public double[] gamma2() {
        return gamma2.clone();
    }

    /** Galaxies per pixel. */
    public int[] counts() {
        return count.clone();
    }

    /** True where a pixel holds at least one galaxy. */
    public boolean[] mask() {
        boolean[] m = new boolean[count.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = count[i] > 0;
        }
        return m;
    }

    /** Σw per pixel. */
    public double[] weightSum() {
        return sumW.clone();
    }

    /** Σw² per pixel. */
    public double[] weightSquaredSum() {
        return sumW2.clone();
    }

    /** Per-pixel, per-component noise σ_n = σ_e·√(Σw²)/Σw; +∞ where empty. */
    public double[] noiseSigma() {
        double[] s = new double[count.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = count[i] > 0 ? sigmaE * Math.sqrt(sumW2[i]) / sumW[i] : Double.POSITIVE_INFINITY;
        }
        return s;
    }

    /** 1/σ_n² = (Σw)²/(σ_e²·Σw²) per pixel; 0 where empty. */
    public double[] inverseNoiseVariance() {
        double[] s = new double[count.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = count[i] > 0 ? sumW[i] * sumW[i] / (sigmaE * sigmaE * sumW2[i]) : 0.0;
        }
        return s;
    }

    /** Per-component shape noise of one galaxy used for σ_n. */
    public double sigmaE() {
        return sigmaE;
    }

    public ShapeNoise.Source sigmaESource() {
        return sigmaESource;
    }

    /** Galaxies binned into the tile. */
    public long galaxiesUsed() {
        return used;
    }

    /** Galaxies read but outside the tile. */
    public long galaxiesOutside() {
        return outside;
    }

    /** Catalog rows dropped for a NaN or infinite value in a used column. */
    public long rowsDroppedNonFinite() {
        return droppedNonFinite;
    }

    /** Catalog rows dropped for zero weight. */
    public long rowsDroppedZeroWeight() {
        return droppedZeroWeight;
    }

    /** Pixels holding at least one galaxy. */
    public int occupiedPixels() {
        return occupied;
    }

    /** Catalog files binned. */
    public List<String> sources() {
        return sources;
    }
}
