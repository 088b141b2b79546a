package org.massmap.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.catalog.RandomRotation;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.ShearModel;

/** Simulated truths observed at a catalog's galaxies: positions and weights kept, shapes rotated, then (reduced-)sheared. */
class CatalogPositionMockTest {
    /** A tile far from the equator, so that the galaxies' frames turn against the tile's. */
    static final TileGrid TILE = TileGrid.square(32, 1.0, new SkyPoint(20, -60));

    /**
     * A synthetic catalog: positions uniform over a square 1.2 times the tile's side (so some fall off the tile),
     * isotropic ellipticities with |e| &lt; 0.9, weights in [0.5, 2].
     */
    static GalaxyChunk catalog(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TangentPlane plane = TILE.tangentPlane();
        double half = 0.6 * TILE.nx() * TILE.pixelRad();
        GalaxyChunk c = new GalaxyChunk(n);
        for (int i = 0; i < n; i++) {
            SkyPoint p = plane.deproject((2 * rng.nextDouble() - 1) * half, (2 * rng.nextDouble() - 1) * half);
            double mod = 0.9 * Math.sqrt(rng.nextDouble());
            double angle = 2 * Math.PI * rng.nextDouble();
            c.add(p.raDeg(), p.decDeg(), mod * Math.cos(angle), mod * Math.sin(angle), 0.5 + 1.5 * rng.nextDouble());
        }
        return c;
    }

    /** The catalog's galaxies on the tile, in order (the binner's rule, written out independently). */
    static GalaxyChunk onTile(GalaxyChunk c) {
        double[] xy = new double[2];
        GalaxyChunk on = new GalaxyChunk(c.size());
        for (int i = 0; i < c.size(); i++) {
            if (TILE.tangentPlane().project(c.ra()[i], c.dec()[i], xy) && TILE.pixelIndex(TILE.xOf(xy[0]), TILE.yOf(xy[1])) >= 0) {
                on.add(c.ra()[i], c.dec()[i], c.e1()[i], c.e2()[i], c.w()[i]);
            }
        }
        return on;
    }

    static double[] slice(double[] a, int n) {
        return java.util.Arrays.copyOf(a, n);
    }

    /** A lensing field of constant κ and constant shear γ (grid frame) on the mock's field. */
    static LensingField constant(CatalogPositionMock mock, double kappa, double g1, double g2, ShearModel model) {
        int n = mock.field().size();
        double[] k = new double[n];
        double[][] shear = new double[2][n];
        java.util.Arrays.fill(k, kappa);
        java.util.Arrays.fill(shear[0], g1);
        java.util.Arrays.fill(shear[1], g2);
        return new LensingField(mock.field(), k, shear, model);
    }

    @Test
    void galaxiesKeepTheirPositionsAndWeightsAndTheTruthIsTheFieldsCentre() {
        GalaxyChunk cat = catalog(4000, 1);
        GalaxyChunk on = onTile(cat);
        CatalogPositionMock mock = new CatalogPositionMock(TILE, cat, ShearModel.REDUCED_SHEAR);
        assertTrue(on.size() > 2000 && on.size() < 4000, "some galaxies are off the tile: " + on.size());
        assertEquals(on.size(), mock.galaxies());
        assertEquals(4000 - on.size(), mock.outside());
        assertEquals(64, mock.field().nx());

        double[] kappa = new double[mock.field().size()];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < kappa.length; i++) {
            kappa[i] = 0.02 * rng.nextGaussian();
        }
        MockSurvey m = mock.observe(new ConvergenceSimulator.Draw(kappa, List.of()), new SplittableRandom(3));
        assertEquals(TILE, m.grid());
        assertArrayEquals(slice(on.ra(), on.size()), m.ra());
        assertArrayEquals(slice(on.dec(), on.size()), m.dec());
        assertArrayEquals(slice(on.w(), on.size()), m.weight());
        for (int iy = 0; iy < 32; iy++) {
            for (int ix = 0; ix < 32; ix++) {
                assertEquals(kappa[(iy + 16) * 64 + ix + 16], m.truthKappa()[iy * 32 + ix], "the tile is the field's centre");
            }
        }
        // the mask is the set of pixels holding a galaxy
        boolean[] occupied = new boolean[TILE.size()];
        double[] xy = new double[2];
        for (int i = 0; i < on.size(); i++) {
            TILE.tangentPlane().project(on.ra()[i], on.dec()[i], xy);
            occupied[TILE.pixelIndex(TILE.xOf(xy[0]), TILE.yOf(xy[1]))] = true;
        }
        assertArrayEquals(occupied, m.pixelMask());
    }

    @Test
    void withoutATruthTheShapesAreTheRotatedShapes() {
        GalaxyChunk cat = catalog(3000, 4);
        GalaxyChunk on = onTile(cat);
        CatalogPositionMock mock = new CatalogPositionMock(TILE, cat, ShearModel.REDUCED_SHEAR);
        MockSurvey m = mock.observe(new ConvergenceSimulator.Draw(new double[mock.field().size()], List.of()), new SplittableRandom(5));
        GalaxyChunk rotated = RandomRotation.of(on, new SplittableRandom(5));
        double moved = 0;
        for (int i = 0; i < on.size(); i++) {
            assertEquals(rotated.e1()[i], m.e1()[i], 1e-12);
            assertEquals(rotated.e2()[i], m.e2()[i], 1e-12);
            assertEquals(Math.hypot(on.e1()[i], on.e2()[i]), Math.hypot(m.e1()[i], m.e2()[i]), 1e-12, "|e| kept");
            moved += Math.hypot(m.e1()[i] - on.e1()[i], m.e2()[i] - on.e2()[i]) / on.size();
        }
        assertTrue(moved > 0.3, "control: the shapes were turned, mean |Δe| = " + moved);
    }

    @Test
    void theReducedShearIsAppliedAsStated() {
        // inverting e = (e_s + g)/(1 + g* e_s) with g = γ/(1 − κ) gives back a shape of the catalog's |e| for every galaxy;
        // with g = γ (the control) it does not
        GalaxyChunk cat = catalog(2000, 6);
        GalaxyChunk on = onTile(cat);
        CatalogPositionMock mock = new CatalogPositionMock(TILE, cat, ShearModel.REDUCED_SHEAR);
        double kappa = 0.3;
        double g1 = 0.06;
        double g2 = -0.04;
        MockSurvey m = mock.observe(constant(mock, kappa, g1, g2, ShearModel.REDUCED_SHEAR), List.of(), new SplittableRandom(7));
        double worst = 0;
        double worstControl = 0;
        for (int i = 0; i < on.size(); i++) {
            double[] e = gridFrame(m, i);
            double mod = Math.hypot(on.e1()[i], on.e2()[i]);
            worst = Math.max(worst, Math.abs(intrinsicModulus(e, g1 / (1 - kappa), g2 / (1 - kappa)) - mod));
            worstControl = Math.max(worstControl, Math.abs(intrinsicModulus(e, g1, g2) - mod));
        }
        assertTrue(worst < 1e-12, "reduced shear: |e_s| recovered to " + worst);
        assertTrue(worstControl > 1e-2, "control, shear without 1/(1 − κ): " + worstControl);
    }

    @Test
    void theWeightedMeanEllipticityRecoversAConstantShear() {
        GalaxyChunk cat = catalog(100_000, 8);
        CatalogPositionMock mock = new CatalogPositionMock(TILE, cat, ShearModel.REDUCED_SHEAR);
        double kappa = 0.3;
        double gamma1 = 0.05;
        double gamma2 = -0.03;
        for (ShearModel model : ShearModel.values()) {
            MockSurvey m = mock.observe(constant(mock, kappa, gamma1, gamma2, model), List.of(), new SplittableRandom(9));
            double sw = 0;
            double sw2 = 0;
            double s1 = 0;
            double s2 = 0;
            double see = 0;
            for (int i = 0; i < m.galaxies(); i++) {
                double[] e = gridFrame(m, i);
                double w = m.weight()[i];
                sw += w;
                sw2 += w * w;
                s1 += w * e[0];
                s2 += w * e[1];
                see += w * w * (e[0] * e[0] + e[1] * e[1]) / 2;
            }
            double error = Math.sqrt(see) / sw; // per component: sqrt(Σ w² e²/2) / Σ w
            double factor = model == ShearModel.REDUCED_SHEAR ? 1 / (1 - kappa) : 1;
            double other = model == ShearModel.REDUCED_SHEAR ? 1 : 1 / (1 - kappa);
            assertEquals(gamma1 * factor, s1 / sw, 4 * error, model + " g1, error " + error);
            assertEquals(gamma2 * factor, s2 / sw, 4 * error, model + " g2, error " + error);
            assertTrue(Math.abs(gamma1 * other - s1 / sw) > 6 * error, "control: the other shear model is excluded");
        }
    }

    @Test
    void aCatalogOffTheTileIsRefused() {
        GalaxyChunk far = new GalaxyChunk(1);
        far.add(200, 10, 0.1, 0.1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CatalogPositionMock(TILE, far, ShearModel.REDUCED_SHEAR));
        assertTrue(e.getMessage().contains("none of the catalog's 1 galaxies"), e.getMessage());
    }

    /** Galaxy i's observed ellipticity in the grid frame (x West, y North): turned by +2φ, e2 negated. */
    static double[] gridFrame(MockSurvey m, int i) {
        double phi = TILE.tangentPlane().frameRotation(m.ra()[i], m.dec()[i]);
        double c = Math.cos(2 * phi);
        double s = Math.sin(2 * phi);
        double t1 = m.e1()[i] * c - m.e2()[i] * s;
        double t2 = m.e1()[i] * s + m.e2()[i] * c;
        return new double[] {t1, -t2};
    }

    /** |e_s| of e_s = (e − g)/(1 − g* e), complex arithmetic. */
    static double intrinsicModulus(double[] e, double g1, double g2) {
        double nr = e[0] - g1;
        double ni = e[1] - g2;
        double dr = 1 - (g1 * e[0] + g2 * e[1]); // 1 − conj(g)·e
        double di = -(g1 * e[1] - g2 * e[0]);
        return Math.hypot(nr, ni) / Math.hypot(dr, di);
    }
}
