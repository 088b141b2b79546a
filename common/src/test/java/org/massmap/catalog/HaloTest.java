package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.KaiserSquires;

/**
 * End-to-end check of every sign convention and of the frame rotation: a catalog built by hand in
 * the sky convention around an isolated circular mass, off the tile centre, must give — after
 * reading, binning and the Kaiser-Squires inverse — a positive κ_E peak at the halo's sky position
 * and a negligible κ_B. Wrong conventions (flipped e1 or e2, missing or reversed rotation) must fail
 * these criteria, which shows the test would catch them.
 *
 * <p>Profile: Gaussian convergence κ(θ) = κ0·exp(−θ²/2s²); its mean inside θ is
 * κ̄ = κ0·(2s²/θ²)(1 − exp(−θ²/2s²)), and the tangential shear of a circular lens is γ_t = κ̄ − κ
 * (positive for positive mass). Each galaxy gets e = −γ_t·exp(2iψ), ψ the position angle of the
 * direction from the galaxy to the halo measured from local East towards North: its major axis is
 * perpendicular to that direction (tangential alignment). No shape noise.
 */
class HaloTest {

    @TempDir
    Path dir;

    private static final double KAPPA0 = 0.2;

    /** Tangential shear of the Gaussian profile at separation theta (radians), width s (radians). */
    static double gammaT(double theta, double s) {
        double x = theta * theta / (2 * s * s);
        if (x < 1e-6) {
            return KAPPA0 * x / 2; // series of kbar - kappa at small x
        }
        double kappa = KAPPA0 * Math.exp(-x);
        double mean = KAPPA0 * (1 - Math.exp(-x)) / x;
        return mean - kappa;
    }

    /** Bearing (radians, from North through East) of point b seen from point a, on the sphere. */
    static double bearing(SkyPoint a, SkyPoint b) {
        double d1 = Math.toRadians(a.decDeg());
        double d2 = Math.toRadians(b.decDeg());
        double dRa = Math.toRadians(b.raDeg() - a.raDeg());
        return Math.atan2(Math.sin(dRa) * Math.cos(d2), Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(dRa));
    }

    /** Galaxies uniform over the tile ({@code perPixel} per pixel on average) sheared by a halo at {@code halo}. */
    static Fixtures.Catalog haloCatalog(TileGrid grid, SkyPoint halo, double widthPixels, int perPixel, long seed) {
        Random rng = new Random(seed);
        TangentPlane plane = grid.tangentPlane();
        int n = grid.size() * perPixel;
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] e1 = new double[n];
        double[] e2 = new double[n];
        double[] w = new double[n];
        double s = widthPixels * grid.pixelRad();
        for (int i = 0; i < n; i++) {
            double x = -0.5 + grid.nx() * rng.nextDouble();
            double y = -0.5 + grid.ny() * rng.nextDouble();
            SkyPoint g = plane.deproject(grid.xiOf(x), grid.etaOf(y));
            double theta = g.separationRad(halo);
            double psi = Math.PI / 2 - bearing(g, halo); // position angle of the halo direction, from East towards North
            double gt = gammaT(theta, s);
            ra[i] = g.raDeg();
            dec[i] = g.decDeg();
            e1[i] = -gt * Math.cos(2 * psi);
            e2[i] = -gt * Math.sin(2 * psi);
            w[i] = 0.5 + rng.nextDouble();
        }
        return new Fixtures.Catalog(ra, dec, e1, e2, w);
    }

    /** What the reconstruction says about the halo. */
    record Result(int peakX, int peakY, double peak, double minE, double rmsE, double rmsB, double localB, SkyPoint peakSky) {
        /** rms(κ_B)/rms(κ_E) away from the tile edges, where periodic KS makes B modes of its own. */
        double rmsRatio() {
            return rmsB / rmsE;
        }

        /** Largest |κ_B| within 3 pixels of the κ_E peak, relative to the peak. */
        double localRatio() {
            return localB / Math.abs(peak);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "peak %.4f at (%d,%d) = %s, min %.4f, rms E %.4g B %.4g (ratio %.3f), local B/E %.3f",
                    peak, peakX, peakY, peakSky, minE, rmsE, rmsB, rmsRatio(), localRatio());
        }
    }

    static Result reconstruct(BinnedShear shear) {
        TileGrid grid = shear.grid();
        int nx = grid.nx();
        double[][] k = new KaiserSquires(nx, grid.ny()).inverse(shear.gamma1(), shear.gamma2());
        int best = 0;
        double min = Double.POSITIVE_INFINITY;
        double se = 0;
        double sb = 0;
        int border = nx / 8;
        int inner = 0;
        for (int i = 0; i < k[0].length; i++) {
            if (k[0][i] > k[0][best]) {
                best = i;
            }
            min = Math.min(min, k[0][i]);
            int x = i % nx;
            int y = i / nx;
            if (x >= border && y >= border && x < nx - border && y < grid.ny() - border) {
                se += k[0][i] * k[0][i];
                sb += k[1][i] * k[1][i];
                inner++;
            }
        }
        int px = best % nx;
        int py = best / nx;
        double local = 0;
        for (int dy = -3; dy <= 3; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                int x = px + dx;
                int y = py + dy;
                if (x >= 0 && y >= 0 && x < nx && y < grid.ny()) {
                    local = Math.max(local, Math.abs(k[1][y * nx + x]));
                }
            }
        }
        return new Result(px, py, k[0][best], min, Math.sqrt(se / inner), Math.sqrt(sb / inner), local, grid.pixelCentre(px, py));
    }

    private Result binAndReconstruct(TileGrid grid, Fixtures.Catalog cat, ColumnMapping cols, String name)
            throws CatalogException {
        Path file = Fixtures.writeFits(dir.resolve(name + ".fits"), cat);
        BinnedShear shear = Catalogs.bin(file, cols, grid, ShapeNoise.configured(0.3));
        assertEquals(0, shear.galaxiesOutside());
        return reconstruct(shear);
    }

    private static void assertHaloRecovered(TileGrid grid, SkyPoint halo, Result r) {
        double[] xiEta = new double[2];
        assertTrue(grid.tangentPlane().project(halo.raDeg(), halo.decDeg(), xiEta));
        double hx = grid.xOf(xiEta[0]);
        double hy = grid.yOf(xiEta[1]);
        assertTrue(r.peak() > 0.5 * KAPPA0, "positive peak of about kappa0: " + r);
        assertTrue(Math.abs(r.peakX() - hx) <= 1 && Math.abs(r.peakY() - hy) <= 1,
                "peak pixel within one pixel of the halo at (" + hx + ", " + hy + "): " + r);
        assertTrue(r.peakSky().separationRad(halo) < 1.5 * grid.pixelRad(), "peak pixel's sky position " + r.peakSky()
                + " vs halo " + halo);
        assertTrue(r.rmsRatio() < 0.1, "B modes small: " + r);
        assertTrue(r.localRatio() < 0.06, "B modes small near the halo: " + r);
        assertTrue(r.peak() > 3 * Math.abs(r.minE()), "no comparable negative dip: " + r);
    }

    private static boolean looksRight(Result r) {
        return r.peak() > 0.5 * KAPPA0 && r.rmsRatio() < 0.1 && r.localRatio() < 0.06 && r.peak() > 3 * Math.abs(r.minE());
    }

    @Test
    void haloOffCentreNearTheEquatorIsRecoveredAndWrongSignsAreCaught() throws CatalogException {
        TileGrid grid = TileGrid.square(64, 2.0, new SkyPoint(150.0, 2.0));
        SkyPoint halo = grid.tangentPlane().deproject(grid.xiOf(20.3), grid.etaOf(41.6)); // East of and North of the centre
        Fixtures.Catalog cat = haloCatalog(grid, halo, 3.0, 10, 1);
        ColumnMapping cols = ColumnMapping.defaults().withWeight("w");

        Result right = binAndReconstruct(grid, cat, cols, "equator");
        assertHaloRecovered(grid, halo, right);

        Result flipE2 = binAndReconstruct(grid, cat, cols.withFlips(false, true), "flip-e2");
        assertTrue(!looksRight(flipE2) && flipE2.rmsRatio() > 0.5, "flipping e2 must break the map: " + flipE2);
        Result flipE1 = binAndReconstruct(grid, cat, cols.withFlips(true, false), "flip-e1");
        assertTrue(!looksRight(flipE1) && flipE1.rmsRatio() > 0.5, "flipping e1 must break the map: " + flipE1);
        Result both = binAndReconstruct(grid, cat, cols.withFlips(true, true), "flip-both");
        assertTrue(!looksRight(both), "negating e must break the map: " + both);
        assertTrue(both.minE() < -0.5 * KAPPA0, "negating e gives a negative peak: " + both);
    }

    @Test
    void haloAtDecMinus70NeedsTheFrameRotationWithTheRightSign() throws CatalogException {
        TileGrid grid = TileGrid.square(96, 4.0, new SkyPoint(0.2, -70.0)); // 6.4 degrees, across RA = 0
        SkyPoint halo = grid.tangentPlane().deproject(grid.xiOf(24.4), grid.etaOf(60.2)); // 1.6 deg East of the centre
        Fixtures.Catalog cat = haloCatalog(grid, halo, 3.0, 10, 2);
        ColumnMapping cols = ColumnMapping.defaults().withWeight("w");

        Result right = binAndReconstruct(grid, cat, cols, "south");

        // Emulate a binner without rotation, and one rotating the wrong way, by pre-rotating the input.
        TangentPlane plane = grid.tangentPlane();
        Result none = binAndReconstruct(grid, rotated(cat, plane, -1), cols, "no-rotation");
        Result reversed = binAndReconstruct(grid, rotated(cat, plane, -2), cols, "reversed-rotation");
        assertHaloRecovered(grid, halo, right);
        assertTrue(!looksRight(none) && none.localRatio() > 0.1, "without the frame rotation the map must fail: " + none);
        assertTrue(!looksRight(reversed) && reversed.localRatio() > 0.2, "with the rotation reversed the map must fail: " + reversed);
        // A constant turn by an angle a mixes E into B as sin(a): missing rotation leaks sin(2φ) of the halo
        // into κ_B, a reversed one sin(4φ), with φ the frame rotation at the halo (about ΔRA·sin Dec, 4.3 deg here).
        double phi = plane.frameRotation(halo.raDeg(), halo.decDeg());
        assertEquals(Math.abs(Math.sin(2 * phi)), none.localRatio(), 0.03, none.toString());
        assertEquals(Math.abs(Math.sin(4 * phi)), reversed.localRatio(), 0.03, reversed.toString());

        Result flipE2 = binAndReconstruct(grid, cat, cols.withFlips(false, true), "south-flip-e2");
        assertTrue(!looksRight(flipE2) && flipE2.rmsRatio() > 0.5, "flipping e2 must break the map: " + flipE2);
    }

    /** The catalog with each ellipticity turned by multiple·2φ, φ the galaxy's frame rotation. */
    private static Fixtures.Catalog rotated(Fixtures.Catalog cat, TangentPlane plane, int multiple) {
        double[] e1 = new double[cat.size()];
        double[] e2 = new double[cat.size()];
        for (int i = 0; i < e1.length; i++) {
            double a = multiple * 2 * plane.frameRotation(cat.ra()[i], cat.dec()[i]);
            double c = Math.cos(a);
            double s = Math.sin(a);
            e1[i] = cat.e1()[i] * c - cat.e2()[i] * s;
            e2[i] = cat.e1()[i] * s + cat.e2()[i] * c;
        }
        return new Fixtures.Catalog(cat.ra(), cat.dec(), e1, e2, cat.w());
    }
}
