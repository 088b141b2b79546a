package org.massmap.sim;

import java.util.List;
import java.util.random.RandomGenerator;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.RandomRotation;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;

/**
 * Simulated truths observed with a real catalog's galaxies (the validation study in the paper's
 * set-up, docs/cosmos.md): every galaxy of the catalog that falls on the tile keeps its position and
 * weight; its intrinsic shape is its own measured ellipticity turned by a uniform random angle of its
 * own ({@link RandomRotation}: |e| kept, the real lensing signal erased), so the shape noise is the
 * catalog's, galaxy by galaxy; that shape is sheared by the truth, e = (e_s + g)/(1 + g* e_s) in
 * complex notation, g the shear of the field pixel the galaxy falls in, γ or the reduced shear
 * γ/(1 − κ) ({@link LensingField}, the lensing of {@link MockSurvey}).
 *
 * <p>As in {@link MockSurvey}, the truth lives on a periodic field twice the tile's size about the
 * same centre ({@link MockSurvey#field(TileGrid)}), so it is not periodic on the tile, and the tile's
 * truth is cut from the field's centre. The mask is the set of tile pixels holding at least one
 * galaxy. Ellipticities are in the sky convention of {@link org.massmap.catalog.ColumnMapping}
 * (catalog flips applied) in and out; "on the tile" is the binner's rule (the pixel of the gnomonic
 * projection about the tile centre lies on the grid). Immutable; all randomness comes from the
 * generator passed to {@link #observe}.
 */
public final class CatalogPositionMock {
    private final TileGrid tile;
    private final TileGrid field;
    private final ShearModel model;
    private final GalaxyChunk galaxies;
    private final int[] fieldPixel;
    private final double[] cos2phi;
    private final double[] sin2phi;
    private final boolean[] occupied;
    private final long outside;

    /**
     * @param tile    the square study tile
     * @param catalog the catalog's galaxies (sky convention; only the first {@code catalog.size()} are read, not kept)
     * @param model   whether the truth shears galaxies by γ or by γ/(1 − κ)
     * @throws IllegalArgumentException when no galaxy falls on the tile
     */
    public CatalogPositionMock(TileGrid tile, GalaxyChunk catalog, ShearModel model) {
        this.tile = tile;
        this.field = MockSurvey.field(tile);
        this.model = model;
        int n = catalog.size();
        TangentPlane plane = tile.tangentPlane();
        int offset = (field.nx() - tile.nx()) / 2;
        int[] keep = new int[n];
        int[] pixel = new int[n];
        double[] c = new double[n];
        double[] s = new double[n];
        boolean[] occ = new boolean[tile.size()];
        double[] xy = new double[2];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            double ra = catalog.ra()[i];
            double dec = catalog.dec()[i];
            if (!plane.project(ra, dec, xy)) {
                continue;
            }
            int p = tile.pixelIndex(tile.xOf(xy[0]), tile.yOf(xy[1]));
            if (p < 0) {
                continue;
            }
            occ[p] = true;
            double phi = plane.frameRotation(ra, dec);
            keep[kept] = i;
            pixel[kept] = (p / tile.nx() + offset) * field.nx() + p % tile.nx() + offset;
            c[kept] = Math.cos(2 * phi);
            s[kept] = Math.sin(2 * phi);
            kept++;
        }
        if (kept == 0) {
            throw new IllegalArgumentException("none of the catalog's " + n + " galaxies falls on the tile " + tile);
        }
        GalaxyChunk on = new GalaxyChunk(kept);
        for (int k = 0; k < kept; k++) {
            int i = keep[k];
            on.add(catalog.ra()[i], catalog.dec()[i], catalog.e1()[i], catalog.e2()[i], catalog.w()[i]);
        }
        this.galaxies = on;
        this.fieldPixel = java.util.Arrays.copyOf(pixel, kept);
        this.cos2phi = java.util.Arrays.copyOf(c, kept);
        this.sin2phi = java.util.Arrays.copyOf(s, kept);
        this.occupied = occ;
        this.outside = n - kept;
    }

    public TileGrid tile() {
        return tile;
    }

    /** The periodic field the truths are drawn on: {@link MockSurvey#field(TileGrid)} of the tile. */
    public TileGrid field() {
        return field;
    }

    /** Galaxies on the tile (each observed in every mock). */
    public int galaxies() {
        return galaxies.size();
    }

    /** Galaxies of the catalog off the tile (left out). */
    public long outside() {
        return outside;
    }

    /** Draws a truth from {@code truth} (built on {@link #field()}) and observes it, all from {@code rng}. */
    public MockSurvey draw(ConvergenceSimulator truth, RandomGenerator rng) {
        if (!truth.grid().equals(field)) {
            throw new IllegalArgumentException("the truth simulator's grid " + truth.grid() + " is not the mock's field " + field);
        }
        return observe(truth.draw(rng), rng);
    }

    /**
     * Observes a given truth: one random angle per galaxy from {@code rng} (in the catalog's order), so
     * the same generator state gives the same intrinsic shapes whatever the truth.
     *
     * @param draw the truth on {@link #field()} (row-major) and its halos
     */
    public MockSurvey observe(ConvergenceSimulator.Draw draw, RandomGenerator rng) {
        return observe(new LensingField(field, draw.kappa(), model), draw.halos(), rng);
    }

    /**
     * As {@link #observe(ConvergenceSimulator.Draw, RandomGenerator)} with the lensing given (on {@link #field()};
     * its shear model, not this mock's, applies).
     *
     * @param halos the truth's halos, recorded in the mock
     */
    public MockSurvey observe(LensingField lensing, List<Halo> halos, RandomGenerator rng) {
        if (!lensing.field().equals(field)) {
            throw new IllegalArgumentException("the lensing field " + lensing.field() + " is not the mock's field " + field);
        }
        GalaxyChunk intrinsic = RandomRotation.of(galaxies, rng);
        int n = galaxies.size();
        double[] e1 = new double[n];
        double[] e2 = new double[n];
        double[] g = new double[2];
        for (int i = 0; i < n; i++) {
            lensing.shearAt(fieldPixel[i], g);
            double[] es = LensingField.skyToGrid(intrinsic.e1()[i], intrinsic.e2()[i], cos2phi[i], sin2phi[i]);
            double[] e = LensingField.gridToSky(LensingField.lensed(es, g[0], g[1]), cos2phi[i], sin2phi[i]);
            e1[i] = e[0];
            e2[i] = e[1];
        }
        return new MockSurvey(tile, lensing.cut(tile), occupied.clone(), List.copyOf(halos),
                java.util.Arrays.copyOf(galaxies.ra(), n), java.util.Arrays.copyOf(galaxies.dec(), n), e1, e2,
                java.util.Arrays.copyOf(galaxies.w(), n));
    }
}
