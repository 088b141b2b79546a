package org.massmap.catalog;

import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bins galaxy ellipticities onto the pixels of one tile (docs/conventions.md, Shear signs), streaming: galaxies
 * are added chunk by chunk to a {@link ShearAccumulator}, and {@link #finish} turns the sums into
 * a {@link BinnedShear}.
 *
 * <p>For each galaxy (sky-convention ellipticity e = e1 + i·e2, see {@link ColumnMapping}):
 * <ol>
 *   <li>gnomonic projection about the tile centre to (ξ, η) and pixel (ix, iy) =
 *       round(centre − ξ/Δ, centre + η/Δ); galaxies outside the grid are counted and skipped;</li>
 *   <li>rotation into the tile's tangent-plane frame, e' = e·exp(2iφ) with φ the frame angle of
 *       {@link TangentPlane#frameRotation} (spin 2: twice the angle that turns the galaxy's local
 *       East/North into the tile centre's);</li>
 *   <li>reflection to the grid frame, x West: γ = (e'1, −e'2);</li>
 *   <li>accumulation of w, w², w·γ1, w·γ2 and the count in the pixel.</li>
 * </ol>
 * Immutable and thread-safe (each thread uses its own accumulator).
 */
public final class ShearBinner {
    private static final Logger LOG = LoggerFactory.getLogger(ShearBinner.class);

    private final TileGrid grid;
    private final TileFrame frame;
    private final int nx;
    private final int ny;
    private final double cx;
    private final double cy;
    private final double invPixel;

    public ShearBinner(TileGrid grid) {
        this.grid = grid;
        this.frame = new TileFrame(grid.centre());
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.cx = grid.centreX();
        this.cy = grid.centreY();
        this.invPixel = 1.0 / grid.pixelRad();
    }

    public TileGrid grid() {
        return grid;
    }

    /** An empty accumulator for this tile. */
    public ShearAccumulator newAccumulator() {
        return new ShearAccumulator(grid);
    }

    /** Adds the galaxies of {@code chunk} to {@code acc}. */
    public void accumulate(GalaxyChunk chunk, ShearAccumulator acc) {
        double[] ra = chunk.ra();
        double[] dec = chunk.dec();
        double[] e1 = chunk.e1();
        double[] e2 = chunk.e2();
        double[] w = chunk.w();
        double[] m = new double[4]; // xi, eta, cos 2phi, sin 2phi
        long outside = 0;
        for (int i = 0, n = chunk.size(); i < n; i++) {
            if (!frame.map(ra[i], dec[i], m)) {
                outside++;
                continue;
            }
            long ix = Math.round(cx - m[0] * invPixel);
            long iy = Math.round(cy + m[1] * invPixel);
            if (ix < 0 || iy < 0 || ix >= nx || iy >= ny) {
                outside++;
                continue;
            }
            double t1 = e1[i] * m[2] - e2[i] * m[3]; // e' = e exp(2i phi)
            double t2 = e1[i] * m[3] + e2[i] * m[2];
            acc.add((int) (iy * nx + ix), w[i], t1, -t2); // grid x points West: gamma2 = -e'2
        }
        acc.outside += outside;
    }

    /**
     * Streams every chunk of {@code reader} into a new accumulator, notes the reader's counts and
     * finishes. The reader is not closed.
     */
    public BinnedShear bin(CatalogReader reader, ShapeNoise noise) throws CatalogException {
        ShearAccumulator acc = newAccumulator();
        GalaxyChunk chunk = new GalaxyChunk();
        while (reader.next(chunk)) {
            accumulate(chunk, acc);
        }
        acc.noteRead(reader.stats());
        return finish(acc, noise);
    }

    /**
     * Turns the sums into maps: γ = Σw·γ/Σw, σ_n = σ_e·√(Σw²)/Σw per pixel, σ_e configured or
     * measured (see {@link BinnedShear}).
     *
     * @throws CatalogException (naming the files and the tile centre) when no galaxy fell inside the
     *                          tile, or σ_e is to be measured and every ellipticity is zero
     */
    public BinnedShear finish(ShearAccumulator acc, ShapeNoise noise) throws CatalogException {
        if (!acc.grid().equals(grid)) {
            throw new IllegalArgumentException("accumulator was made for tile " + acc.grid() + ", not " + grid);
        }
        if (acc.used() == 0) {
            String why = acc.outside() > 0
                    ? "none of its " + acc.outside() + " galaxies falls inside the tile " + grid
                    + "; check the tile centre (RA, Dec in degrees) and size, or the RA/Dec column mapping"
                    : acc.rowsRead() > 0
                    ? "no usable galaxy: all " + acc.rowsRead() + " rows were dropped (" + acc.droppedNonFinite()
                    + " for NaN/inf values, " + acc.droppedZeroWeight() + " for zero weight)"
                    : "no galaxies were binned for tile " + grid;
            throw new CatalogException(acc.sourceLabel(), why);
        }
        double sigmaE;
        if (noise.source() == ShapeNoise.Source.CONFIGURED) {
            sigmaE = noise.sigmaE();
        } else {
            sigmaE = BinnedShear.measureSigmaE(acc.histW2(), acc.histW2E2());
            if (!(sigmaE > 0)) {
                throw new CatalogException(acc.sourceLabel(), "cannot measure the shape noise: every binned ellipticity "
                        + "is zero; configure sigma_e instead (ShapeNoise.configured)");
            }
        }
        BinnedShear result = new BinnedShear(grid, acc, sigmaE, noise.source());
        LOG.info("binned {} galaxies from {} onto {}: {} outside, {} dropped (NaN/inf), {} dropped (zero weight), "
                        + "{} of {} pixels occupied, sigma_e = {} ({})", acc.used(), acc.sourceLabel(), grid, acc.outside(),
                acc.droppedNonFinite(), acc.droppedZeroWeight(), result.occupiedPixels(), grid.size(),
                String.format(java.util.Locale.ROOT, "%.4f", sigmaE), noise.source());
        return result;
    }
}
