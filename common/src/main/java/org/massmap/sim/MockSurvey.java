package org.massmap.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.prior.PowerMap;

/**
 * A mock shape catalog of one tile with its known truth. The truth κ is drawn by a
 * {@link ConvergenceSimulator} (the one training maps use, so its mean power is the prior's) on a
 * periodic field twice the tile's size, its shear computed there by the Kaiser-Squires forward
 * operator and the tile cut out of the centre, so the mock is not periodic like the inference
 * operator (no "inverse crime"). Galaxies are placed uniformly at the given density in the tile's
 * tangent plane, dropped where the mask says so, and given ellipticities e = (e_s + g)/(1 + g* e_s)
 * (intrinsic e_s Gaussian per component, |e_s| &lt; 1; g = γ or γ/(1 − κ)).
 *
 * <p>A galaxy takes the shear (and κ) of the field pixel it falls in. A pixel value is the pixel
 * average of the field, so the binned shear of a pixel is that pixel's value plus noise, exactly
 * what the likelihood assumes; bilinear interpolation would smooth the truth by a further window
 * (3 + cos 2πk)/4 per axis (0.5 at Nyquist) that neither the prior nor the likelihood knows of.
 * The tile's pixels coincide with field pixels.
 *
 * <p>Galaxies are written in the sky convention: e2 of the grid frame negated, then rotated from the
 * tile frame into each galaxy's local (RA, Dec) frame — the exact inverse of the binning in
 * {@code org.massmap.catalog}.
 *
 * @param grid       the tile
 * @param truthKappa true convergence of the tile (row-major), cut from the zero-mean field (so not itself zero-mean)
 * @param pixelMask  mask evaluated at pixel centres (true = observed)
 * @param halos      the simulated halos of the whole field
 */
public record MockSurvey(TileGrid grid, double[] truthKappa, boolean[] pixelMask, List<Halo> halos, double[] ra,
        double[] dec, double[] e1, double[] e2, double[] weight) {

    public int galaxies() {
        return ra.length;
    }

    /** The galaxies as one chunk, ready for {@code ShearBinner.accumulate} (sky convention). */
    public org.massmap.catalog.GalaxyChunk asChunk() {
        org.massmap.catalog.GalaxyChunk chunk = new org.massmap.catalog.GalaxyChunk(Math.max(1, ra.length));
        for (int i = 0; i < ra.length; i++) {
            chunk.add(ra[i], dec[i], e1[i], e2[i], weight[i]);
        }
        return chunk;
    }

    /** The field, twice the tile's size about the same centre, on which the truth is drawn (halos go there too). */
    public static TileGrid field(MockSurveySpec spec) {
        return field(TileGrid.square(spec.size(), spec.pixelArcmin(), spec.centre()));
    }

    /** The field of a square tile: twice its side (plus one for an odd side) at its pixel size, about its centre. */
    public static TileGrid field(TileGrid tile) {
        if (tile.nx() != tile.ny()) {
            throw new IllegalArgumentException("mock tiles are square, got " + tile);
        }
        int big = 2 * tile.nx() + tile.nx() % 2; // (big − size) even: the tile sits on the big grid's pixels
        return new TileGrid(big, big, tile.pixelRad(), tile.centre());
    }

    /**
     * The truth simulator of a mock: on {@link #field(MockSurveySpec)}, target power the pixel-windowed
     * C_ℓ, lognormal shift {@code spec.lognormalShift()} (0 = Gaussian). Costly with halos (the one-halo
     * power of the field): build once, draw many mocks.
     *
     * @param halos the halo population, or null for none
     */
    public static ConvergenceSimulator truthSimulator(MockSurveySpec spec, DoubleUnaryOperator cl, HaloModel halos) {
        return truthSimulator(TileGrid.square(spec.size(), spec.pixelArcmin(), spec.centre()), spec.lognormalShift(), cl, halos);
    }

    /**
     * As {@link #truthSimulator(MockSurveySpec, DoubleUnaryOperator, HaloModel)} for the square {@code tile}, on
     * {@link #field(TileGrid)} with lognormal shift {@code shift}.
     */
    public static ConvergenceSimulator truthSimulator(TileGrid tile, double shift, DoubleUnaryOperator cl, HaloModel halos) {
        TileGrid field = field(tile);
        return new ConvergenceSimulator(field, PowerMap.fromCl(field, cl), shift, halos);
    }

    /**
     * Draws a mock survey; all randomness comes from {@code rng}.
     *
     * @param truth the simulator of the truth, built on {@link #field(MockSurveySpec)}
     */
    public static MockSurvey generate(MockSurveySpec spec, ConvergenceSimulator truth, RandomGenerator rng) {
        TileGrid field = field(spec);
        if (!truth.grid().equals(field)) {
            throw new IllegalArgumentException("the truth simulator's grid " + truth.grid() + " is not the mock's field " + field);
        }
        return generate(spec, truth.draw(rng), rng);
    }

    /**
     * Observes a given truth: the mask and galaxies are drawn from {@code rng} exactly as
     * {@link #generate(MockSurveySpec, ConvergenceSimulator, RandomGenerator)} draws them after its truth,
     * so the same generator state gives the same mask, galaxy positions and intrinsic shapes whatever
     * the truth (a κ = 0 field gives a shape-noise-only catalog; a field plus an injected halo, the same
     * galaxies as the field alone).
     *
     * @param draw the truth on {@link #field(MockSurveySpec)} (row-major) and the halos in it
     */
    public static MockSurvey generate(MockSurveySpec spec, ConvergenceSimulator.Draw draw, RandomGenerator rng) {
        TileGrid tile = TileGrid.square(spec.size(), spec.pixelArcmin(), spec.centre());
        TileGrid field = field(spec);
        double[] kappa = draw.kappa();
        if (kappa.length != field.size()) {
            throw new IllegalArgumentException("the truth has " + kappa.length + " pixels, the mock's field " + field + " has " + field.size());
        }
        LensingField lensing = new LensingField(field, kappa, spec.shearModel());
        SurveyMask mask = SurveyMask.draw(tile, spec.mask(), rng);
        double[] truthTile = lensing.cut(tile);

        double halfX = 0.5 * tile.nx() * tile.pixelRad();
        double halfY = 0.5 * tile.ny() * tile.pixelRad();
        double areaArcmin2 = tile.nx() * tile.ny() * tile.pixelArcmin() * tile.pixelArcmin();
        int n = SurveyMask.poisson(spec.galaxiesPerArcmin2() * areaArcmin2, rng);
        TangentPlane plane = tile.tangentPlane();
        Galaxies out = new Galaxies(n);
        double[] g = new double[2];
        for (int k = 0; k < n; k++) {
            double xi = (2 * rng.nextDouble() - 1) * halfX;
            double eta = (2 * rng.nextDouble() - 1) * halfY;
            if (!mask.observed(xi, eta)) {
                continue;
            }
            lensing.shearAt(lensing.pixelOf(xi, eta), g);
            double[] e = LensingField.lensed(intrinsic(spec.sigmaE(), rng), g[0], g[1]);
            SkyPoint sky = plane.deproject(xi, eta);
            // grid frame → sky convention in the tile frame (negate e2) → galaxy's local frame (rotate by −2φ)
            double phi = plane.frameRotation(sky.raDeg(), sky.decDeg());
            double[] skyE = LensingField.gridToSky(e, Math.cos(2 * phi), Math.sin(2 * phi));
            out.add(sky.raDeg(), sky.decDeg(), skyE[0], skyE[1]);
        }
        return new MockSurvey(tile, truthTile, mask.pixelMask(tile), List.copyOf(draw.halos()), out.ra(), out.dec(), out.e1(),
                out.e2(), out.weights());
    }

    /** Intrinsic ellipticity: Gaussian components of std σ_e, redrawn until |e| &lt; 1. */
    private static double[] intrinsic(double sigmaE, RandomGenerator rng) {
        while (true) {
            double a = sigmaE * rng.nextGaussian();
            double b = sigmaE * rng.nextGaussian();
            if (a * a + b * b < 1) {
                return new double[] {a, b};
            }
        }
    }

    /** Growable columns of galaxies. */
    private static final class Galaxies {
        private final List<double[]> rows;

        Galaxies(int capacity) {
            rows = new ArrayList<>(capacity);
        }

        void add(double ra, double dec, double e1, double e2) {
            rows.add(new double[] {ra, dec, e1, e2});
        }

        double[] column(int c) {
            double[] a = new double[rows.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = rows.get(i)[c];
            }
            return a;
        }

        double[] ra() {
            return column(0);
        }

        double[] dec() {
            return column(1);
        }

        double[] e1() {
            return column(2);
        }

        double[] e2() {
            return column(3);
        }

        double[] weights() {
            double[] w = new double[rows.size()];
            java.util.Arrays.fill(w, 1.0);
            return w;
        }
    }
}
