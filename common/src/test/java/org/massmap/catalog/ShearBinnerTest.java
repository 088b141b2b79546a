package org.massmap.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;

class ShearBinnerTest {

    @TempDir
    Path dir;

    private static BinnedShear binInMemory(TileGrid grid, Fixtures.Catalog cat, ShapeNoise noise) throws CatalogException {
        ShearBinner binner = new ShearBinner(grid);
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(cat.chunk(), acc);
        return binner.finish(acc, noise);
    }

    @Test
    void tileAcrossRaZeroPutsGalaxiesEitherSideOfTheCentre() throws CatalogException {
        // Centre RA 0.1: RA 359.9 is 0.2 deg West (larger column), RA 0.3 is 0.2 deg East (smaller column).
        TileGrid grid = TileGrid.square(33, 1.0, new SkyPoint(0.1, 0)); // odd size: the centre is pixel (16, 16)
        Fixtures.Catalog cat = new Fixtures.Catalog(new double[] {359.9, 0.3, 0.1}, new double[] {0, 0, 0.1},
                new double[] {0.1, 0.2, 0.3}, new double[] {0.05, -0.05, 0}, new double[] {1, 1, 1});
        BinnedShear b = binInMemory(grid, cat, ShapeNoise.configured(0.3));
        assertEquals(3, b.galaxiesUsed());
        assertEquals(0, b.galaxiesOutside());
        int[] counts = b.counts();
        // 0.2 deg = 12 arcmin = 12 pixels from the centre: columns 28 (West) and 4 (East).
        int west = 16 * 33 + 28;
        int east = 16 * 33 + 4;
        assertEquals(1, counts[west]);
        assertEquals(1, counts[east]);
        assertEquals(0.1, b.gamma1()[west], 1e-12);
        assertEquals(-0.05, b.gamma2()[west], 1e-12, "sky e2 is negated on the grid (x points West)");
        assertEquals(0.2, b.gamma1()[east], 1e-12);
        assertEquals(0.05, b.gamma2()[east], 1e-12);
        // RA 0.1, Dec 0.1: 6 pixels North of the centre.
        assertEquals(1, counts[22 * 33 + 16]);
    }

    /**
     * A galaxy elongated along a given local direction must come out elongated along the image of that
     * direction on the tile, expressed in the grid frame (x West, y North): an oracle independent of
     * frameRotation, built from finite differences of the projection.
     */
    @Test
    void ellipticityAxisFollowsTheProjectedDirectionAtDecMinus70() throws CatalogException {
        SkyPoint centre = new SkyPoint(30, -70);
        TileGrid grid = TileGrid.square(64, 3.0, centre); // 3.2 degrees
        TangentPlane plane = grid.tangentPlane();
        Random rng = new Random(3);
        for (int k = 0; k < 50; k++) {
            double xi = (rng.nextDouble() - 0.5) * 0.05;
            double eta = (rng.nextDouble() - 0.5) * 0.05;
            SkyPoint g = plane.deproject(xi, eta);
            double theta = Math.PI * rng.nextDouble(); // major axis, from East towards North, local frame
            double amp = 0.3;
            double e1 = amp * Math.cos(2 * theta);
            double e2 = amp * Math.sin(2 * theta);
            Fixtures.Catalog cat = new Fixtures.Catalog(new double[] {g.raDeg()}, new double[] {g.decDeg()},
                    new double[] {e1}, new double[] {e2}, new double[] {1});
            BinnedShear b = binInMemory(grid, cat, ShapeNoise.configured(0.3));
            int pix = indexOfOnlyGalaxy(b);
            // Image of a small step along theta, angle measured from xi (East) towards eta (North).
            double h = 1e-6;
            double dRa = h * Math.cos(theta) / Math.cos(Math.toRadians(g.decDeg()));
            double dDec = h * Math.sin(theta);
            double[] a = new double[2];
            double[] c = new double[2];
            plane.project(g.raDeg(), g.decDeg(), a);
            plane.project(g.raDeg() + dRa, g.decDeg() + dDec, c);
            double thetaTile = Math.atan2(c[1] - a[1], c[0] - a[0]);
            double thetaGrid = Math.PI - thetaTile; // x West, y North
            double c2 = 0.6 * (xi * xi + eta * eta) * amp * 2 + 1e-9;
            assertEquals(amp * Math.cos(2 * thetaGrid), b.gamma1()[pix], c2, "galaxy " + k + " at " + g);
            assertEquals(amp * Math.sin(2 * thetaGrid), b.gamma2()[pix], c2, "galaxy " + k + " at " + g);
        }
    }

    private static int indexOfOnlyGalaxy(BinnedShear b) {
        int[] counts = b.counts();
        int found = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                assertEquals(-1, found);
                found = i;
            }
        }
        assertTrue(found >= 0);
        return found;
    }

    @Test
    void weightedMeanAndNoiseFollowTheFormulasWithUnequalWeights() throws CatalogException {
        TileGrid grid = TileGrid.square(8, 1.0, new SkyPoint(150, 2));
        SkyPoint p = grid.pixelCentre(2, 5);
        double[] w = {0.5, 1.0, 3.0, 0.25};
        double[] e1 = {0.3, -0.1, 0.2, 0.05};
        double[] e2 = {-0.2, 0.4, 0.1, 0.0};
        double[] ra = new double[4];
        double[] dec = new double[4];
        java.util.Arrays.fill(ra, p.raDeg());
        java.util.Arrays.fill(dec, p.decDeg());
        BinnedShear b = binInMemory(grid, new Fixtures.Catalog(ra, dec, e1, e2, w), ShapeNoise.configured(0.26));
        int i = 5 * 8 + 2;
        double sw = 0;
        double sw2 = 0;
        double swe1 = 0;
        double swe2 = 0;
        for (int k = 0; k < 4; k++) {
            sw += w[k];
            sw2 += w[k] * w[k];
            swe1 += w[k] * e1[k];
            swe2 += w[k] * e2[k];
        }
        double rot = 2 * grid.tangentPlane().frameRotation(p.raDeg(), p.decDeg());
        double m1 = swe1 / sw;
        double m2 = swe2 / sw;
        assertEquals(m1 * Math.cos(rot) - m2 * Math.sin(rot), b.gamma1()[i], 1e-12);
        assertEquals(-(m1 * Math.sin(rot) + m2 * Math.cos(rot)), b.gamma2()[i], 1e-12);
        assertEquals(0.26 * Math.sqrt(sw2) / sw, b.noiseSigma()[i], 1e-15);
        assertEquals(sw * sw / (0.26 * 0.26 * sw2), b.inverseNoiseVariance()[i], 1e-9);
        assertEquals(4, b.counts()[i]);
        assertTrue(b.mask()[i]);
        // Empty pixels: gamma 0, infinite noise, zero inverse variance, masked out.
        assertEquals(0, b.gamma1()[0]);
        assertEquals(Double.POSITIVE_INFINITY, b.noiseSigma()[0]);
        assertEquals(0, b.inverseNoiseVariance()[0]);
        assertFalse(b.mask()[0]);
        assertEquals(1, b.occupiedPixels());
    }

    @Test
    void equalWeightsGiveSigmaOverRootN() throws CatalogException {
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(10, -40));
        Fixtures.Catalog cat = Fixtures.random(9, 5000, grid.centre(), 0.25, 0.3, false);
        BinnedShear b = binInMemory(grid, cat, ShapeNoise.configured(0.3));
        double[] sigma = b.noiseSigma();
        int[] n = b.counts();
        for (int i = 0; i < n.length; i++) {
            assertEquals(n[i] > 0 ? 0.3 / Math.sqrt(n[i]) : Double.POSITIVE_INFINITY, sigma[i], 1e-12);
        }
    }

    @Test
    void measuredShapeNoiseIsRobustToJunkEllipticitiesAndUsesSquaredWeights() throws CatalogException {
        TileGrid grid = TileGrid.square(32, 1.0, new SkyPoint(200, 30));
        Fixtures.Catalog cat = Fixtures.random(11, 40000, grid.centre(), 0.5, 0.27, true);
        Random rng = new Random(12);
        for (int k = 0; k < 40; k++) { // 0.1% failed measurements
            int i = rng.nextInt(cat.size());
            cat.e1()[i] = 30 * (rng.nextDouble() - 0.5);
            cat.e2()[i] = 3 * (rng.nextDouble() - 0.5);
        }
        BinnedShear b = binInMemory(grid, cat, ShapeNoise.measured());
        assertEquals(ShapeNoise.Source.MEASURED, b.sigmaESource());
        assertEquals(0.27, b.sigmaE(), 0.27 * 0.02);

        // Galaxy-dependent noise: half the galaxies have sigma 0.2 and weight 2, half 0.4 and weight 1.
        // The w^2-weighted estimate is sqrt((4*0.04 + 1*0.16)/5) = sqrt(0.064).
        Fixtures.Catalog mix = Fixtures.random(13, 40000, grid.centre(), 0.5, 1.0, false);
        for (int i = 0; i < mix.size(); i++) {
            boolean good = i % 2 == 0;
            mix.e1()[i] *= good ? 0.2 : 0.4;
            mix.e2()[i] *= good ? 0.2 : 0.4;
            mix.w()[i] = good ? 2 : 1;
        }
        assertEquals(Math.sqrt(0.064), binInMemory(grid, mix, ShapeNoise.measured()).sigmaE(), Math.sqrt(0.064) * 0.02);
    }

    @Test
    void measuringShapeNoiseOfANoiseFreeCatalogIsAnError() {
        TileGrid grid = TileGrid.square(8, 1.0, new SkyPoint(0, 0));
        Fixtures.Catalog cat = Fixtures.random(1, 100, grid.centre(), 0.1, 0.0, false);
        CatalogException e = assertThrows(CatalogException.class, () -> binInMemory(grid, cat, ShapeNoise.measured()));
        assertTrue(e.getMessage().contains("configure sigma_e"), e.getMessage());
    }

    @Test
    void nanRowsAreDroppedAndReportedInTheResult() throws CatalogException {
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(150, 2));
        Fixtures.Catalog cat = Fixtures.random(5, 200, grid.centre(), 0.2, 0.3, true);
        cat.e2()[3] = Double.NaN;
        cat.ra()[10] = Double.POSITIVE_INFINITY;
        cat.w()[20] = Double.NaN;
        Path f = Fixtures.writeFits(dir.resolve("nan.fits"), cat);
        BinnedShear b = Catalogs.bin(f, ColumnMapping.defaults().withWeight("w"), grid, ShapeNoise.configured(0.3));
        assertEquals(3, b.rowsDroppedNonFinite());
        assertEquals(197, b.galaxiesUsed());
        assertEquals(java.util.List.of(f.toString()), b.sources());
        for (double g : b.gamma1()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void catalogMissingTheTileIsAnErrorNamingFileAndCentre() {
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(150, 2));
        Fixtures.Catalog cat = Fixtures.random(5, 100, new SkyPoint(10, -30), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("elsewhere.fits"), cat);
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalogs.bin(f, ColumnMapping.defaults(), grid, ShapeNoise.configured(0.3)));
        assertEquals(f.toString(), e.file());
        assertTrue(e.getMessage().contains("none of its 100 galaxies falls inside the tile"), e.getMessage());
        assertTrue(e.getMessage().contains("150.000000,2.000000"), e.getMessage());
    }

    @Test
    void allRowsDroppedIsAnError() {
        TileGrid grid = TileGrid.square(16, 1.0, new SkyPoint(150, 2));
        Fixtures.Catalog cat = Fixtures.random(5, 3, grid.centre(), 0.1, 0.3, true);
        java.util.Arrays.fill(cat.e1(), Double.NaN);
        Path f = Fixtures.writeFits(dir.resolve("allnan.fits"), cat);
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalogs.bin(f, ColumnMapping.defaults(), grid, ShapeNoise.configured(0.3)));
        assertTrue(e.getMessage().contains("all 3 rows were dropped"), e.getMessage());
    }

    @Test
    void csvAndFitsGiveIdenticalMaps() throws CatalogException {
        TileGrid grid = TileGrid.square(32, 2.0, new SkyPoint(0.1, -70));
        Fixtures.Catalog cat = Fixtures.random(21, 5000, grid.centre(), 1.2, 0.3, true);
        ColumnMapping cols = ColumnMapping.defaults().withWeight("w").withFlips(false, true);
        BinnedShear fromFits = Catalogs.bin(Fixtures.writeFits(dir.resolve("c.fits"), cat), cols, grid, ShapeNoise.measured());
        BinnedShear fromCsv = Catalogs.bin(Fixtures.writeCsv(dir.resolve("c.csv"), cat), cols, grid, ShapeNoise.measured());
        assertTrue(fromFits.galaxiesOutside() > 0, "some galaxies should fall outside");
        assertArrayEquals(fromFits.gamma1(), fromCsv.gamma1());
        assertArrayEquals(fromFits.gamma2(), fromCsv.gamma2());
        assertArrayEquals(fromFits.counts(), fromCsv.counts());
        assertArrayEquals(fromFits.noiseSigma(), fromCsv.noiseSigma());
        assertEquals(fromFits.sigmaE(), fromCsv.sigmaE());
        assertEquals(fromFits.galaxiesOutside(), fromCsv.galaxiesOutside());
    }

    @Test
    void mergedPartialAccumulatorsEqualOnePass() throws Exception {
        TileGrid grid = TileGrid.square(24, 2.0, new SkyPoint(359.8, 60));
        Fixtures.Catalog cat = Fixtures.random(31, 20000, grid.centre(), 1.0, 0.3, true);
        Path f = Fixtures.writeFits(dir.resolve("m.fits"), cat);
        ColumnMapping cols = ColumnMapping.defaults().withWeight("w");
        ShearBinner binner = new ShearBinner(grid);

        ShearAccumulator one = binner.newAccumulator();
        try (FitsCatalogReader r = FitsCatalogReader.open(f, cols)) {
            GalaxyChunk chunk = new GalaxyChunk(4096);
            while (r.next(chunk)) {
                binner.accumulate(chunk, one);
            }
            one.noteRead(r.stats());
        }
        BinnedShear whole = binner.finish(one, ShapeNoise.measured());

        // Three "executors" on row ranges; one partial accumulator goes through Java serialization.
        long[] cuts = {0, 7001, 13000, 20000};
        ShearAccumulator merged = null;
        for (int k = 0; k < 3; k++) {
            ShearAccumulator part = binner.newAccumulator();
            try (FitsCatalogReader r = FitsCatalogReader.open(f, cols, cuts[k], cuts[k + 1])) {
                GalaxyChunk chunk = new GalaxyChunk(1000);
                while (r.next(chunk)) {
                    binner.accumulate(chunk, part);
                }
                part.noteRead(r.stats());
            }
            part = k == 1 ? roundTrip(part) : part;
            if (merged == null) {
                merged = part;
            } else {
                merged.merge(part);
            }
        }
        BinnedShear parts = binner.finish(merged, ShapeNoise.measured());
        assertArrayEquals(whole.counts(), parts.counts());
        assertArrayEquals(whole.gamma1(), parts.gamma1(), 1e-13);
        assertArrayEquals(whole.gamma2(), parts.gamma2(), 1e-13);
        assertArrayEquals(whole.noiseSigma(), parts.noiseSigma(), 1e-13);
        assertEquals(whole.sigmaE(), parts.sigmaE(), 1e-13);
        assertEquals(whole.galaxiesUsed(), parts.galaxiesUsed());
        assertEquals(whole.galaxiesOutside(), parts.galaxiesOutside());
        assertEquals(20000, merged.rowsRead());
    }

    private static ShearAccumulator roundTrip(ShearAccumulator acc) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(acc);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ShearAccumulator) in.readObject();
        }
    }

    @Test
    void mergingAccumulatorsOfDifferentTilesIsRefused() {
        ShearAccumulator a = new ShearAccumulator(TileGrid.square(8, 1.0, new SkyPoint(1, 1)));
        ShearAccumulator b = new ShearAccumulator(TileGrid.square(8, 1.0, new SkyPoint(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    }

    @Test
    void meanCentreIsRightAcrossRaZeroAndNearThePole() throws Exception {
        ColumnMapping cols = ColumnMapping.defaults();
        Fixtures.Catalog wrap = Fixtures.random(41, 2000, new SkyPoint(0.1, -20), 2.0, 0.3, false);
        SkyPoint c = Catalogs.meanCentre(Fixtures.writeFits(dir.resolve("wrap.fits"), wrap), cols);
        assertTrue(c.separationRad(new SkyPoint(0.1, -20)) < Math.toRadians(0.05), "centre " + c);

        Fixtures.Catalog pole = Fixtures.random(42, 2000, new SkyPoint(123, -89.7), 2.0, 0.3, false);
        SkyPoint p = Catalogs.meanCentre(Fixtures.writeCsv(dir.resolve("pole.csv"), pole), cols);
        assertTrue(p.separationRad(new SkyPoint(123, -89.7)) < Math.toRadians(0.05), "centre " + p);

        CentreAccumulator all = new CentreAccumulator();
        GalaxyChunk chunk = new GalaxyChunk(4);
        chunk.add(0, 0, 0, 0, 1);
        chunk.add(180, 0, 0, 0, 1);
        chunk.add(90, 89.9999, 0, 0, 1);
        chunk.add(90, -89.9999, 0, 0, 1);
        all.accumulate(chunk);
        CatalogException e = assertThrows(CatalogException.class, () -> all.centre("allsky.fits"));
        assertTrue(e.getMessage().contains("give the tile centre explicitly"), e.getMessage());
    }
}
