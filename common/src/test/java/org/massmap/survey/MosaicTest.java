package org.massmap.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.healpix.Healpix;
import org.massmap.healpix.HealpixOrdering;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;

class MosaicTest {

    /** 32 pixels of 2 arcmin (about 1.07 degrees) overlapping by 8 arcmin: few pixels, fast tests. */
    private static final TilingSpec SPEC = new TilingSpec(32, 2.0, 8.0);
    private static final SurveyTiling TILING = SurveyTiling.of(SPEC);
    private static final Provenance PROV = Provenance.of("test", Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    /** A smooth field on the sphere (no seam at RA = 0, regular at the poles), from the unit vector. */
    static double field(double raDeg, double decDeg) {
        double ra = Math.toRadians(raDeg);
        double dec = Math.toRadians(decDeg);
        double x = Math.cos(dec) * Math.cos(ra);
        double y = Math.cos(dec) * Math.sin(ra);
        double z = Math.sin(dec);
        return x + 2 * y - z + 0.5 * x * z;
    }

    /** The tile map of {@code f} sampled at the tile's pixel centres. */
    static SkyMap map(Tile tile, DoubleBinaryOperator f) {
        TileGrid g = tile.grid();
        double[] v = new double[g.size()];
        for (int iy = 0; iy < g.ny(); iy++) {
            for (int ix = 0; ix < g.nx(); ix++) {
                SkyPoint p = g.pixelCentre(ix, iy);
                v[iy * g.nx() + ix] = f.applyAsDouble(p.raDeg(), p.decDeg());
            }
        }
        return SkyMap.of("KAPPA", g, v);
    }

    /** Tiles across RA = 0 near the equator and around the North pole. */
    private static List<Tile> tiles() {
        List<Tile> t = new java.util.ArrayList<>(TILING.tilesInBox(358.5, 1.5, -1.5, 1.5));
        t.addAll(TILING.tilesInBox(0, 360, 88.5, 90));
        return t;
    }

    @Test
    void aConstantFieldOverOverlappingTilesGivesTheConstant() {
        for (Resampling r : Resampling.values()) {
            MosaicAccumulator acc = MosaicAccumulator.forPixelSize(r == Resampling.AVERAGE ? 8.0 : SPEC.pixelArcmin(), new EdgeTaper(8), r);
            for (Tile t : tiles()) {
                acc.add(map(t, (ra, dec) -> 0.0625));
            }
            HealpixMosaic m = acc.result("KAPPA", null);
            assertTrue(m.size() > 1000, r + ": " + m.size() + " pixels");
            for (double v : m.column("KAPPA").values()) {
                assertEquals(0.0625, v, 1e-15, r.name());
            }
            // No holes: every position well inside the boxes has a value.
            SplittableRandom rng = new SplittableRandom(1);
            for (int i = 0; i < 2000; i++) {
                double ra = rng.nextDouble(-1, 1);
                double dec = i % 2 == 0 ? rng.nextDouble(-1, 1) : rng.nextDouble(89, 90);
                long p = acc.healpix().pixel(HealpixOrdering.NESTED, ra, dec);
                assertEquals(0.0625, m.value("KAPPA", p), 1e-15, r + " at (" + ra + ", " + dec + ")");
            }
        }
    }

    @Test
    void aSmoothFieldIsReproducedAcrossRaZeroAndAtThePole() {
        MosaicAccumulator acc = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        for (Tile t : tiles()) {
            acc.add(map(t, MosaicTest::field));
        }
        HealpixMosaic m = acc.result("KAPPA", null);
        double worst = 0;
        double[] c = new double[2];
        for (int i = 0; i < m.size(); i++) {
            acc.healpix().centre(HealpixOrdering.NESTED, m.pixel(i), c);
            worst = Math.max(worst, Math.abs(m.column("KAPPA").get(i) - field(c[0], c[1])));
        }
        // Bilinear interpolation errs by about (pixel)^2 |f''| / 8 ~ 1e-7 for 2' pixels.
        assertTrue(worst < 2e-6, "largest error " + worst);

        MosaicAccumulator coarse = MosaicAccumulator.forPixelSize(8.0, new EdgeTaper(8), Resampling.AVERAGE);
        for (Tile t : tiles()) {
            coarse.add(map(t, MosaicTest::field));
        }
        HealpixMosaic avg = coarse.result("KAPPA", null);
        double gradient = Math.sqrt(1 + 4 + 1.25); // bound on |grad f| per radian
        double tolerance = gradient * Math.toRadians(coarse.healpix().pixelSideArcmin() / 60); // the pixel's extent
        for (int i = 0; i < avg.size(); i++) {
            coarse.healpix().centre(HealpixOrdering.NESTED, avg.pixel(i), c);
            assertEquals(field(c[0], c[1]), avg.column("KAPPA").get(i), tolerance);
        }
    }

    @Test
    void overlapsBlendSmoothlyAndMaskedPixelsAddNothing() {
        Tile a = TILING.homeTile(0.3, 0.2).orElseThrow();
        Tile b = TILING.tile(a.id().substring(0, 5) + String.format("%04d", Integer.parseInt(a.id().substring(5)) + 1)).orElseThrow();
        MosaicAccumulator acc = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        acc.add(map(a, (ra, dec) -> 0.0));
        double[] masked = map(b, (ra, dec) -> 1.0).values();
        for (int i = 0; i < masked.length / 2; i++) { // mask the southern half of b
            masked[i] = Double.NaN;
        }
        acc.add(b.grid(), masked);
        HealpixMosaic m = acc.result("KAPPA", null);
        // Along a parallel through b's unmasked (northern) half, the value rises from 0 in a to 1 in b, monotonically.
        double north = b.decDeg() + 0.2;
        double boundary = (Integer.parseInt(a.id().substring(5)) + 1) * 360.0 / TILING.tilesInRing(Integer.parseInt(a.id().substring(1, 4)));
        double previous = -1;
        boolean between = false;
        for (double ra = boundary - 0.3; ra <= boundary + 0.3; ra += 0.005) {
            double v = m.value("KAPPA", acc.healpix().pixel(HealpixOrdering.NESTED, ra, north));
            assertTrue(v >= previous - 1e-9 && v >= 0 && v <= 1, "at RA " + ra + ": " + v + " after " + previous);
            between |= v > 0.05 && v < 0.95;
            previous = v;
        }
        assertTrue(between && previous == 1.0, "no blend across the overlap");
        // In b's masked half only a contributes.
        for (double ra = boundary - 0.1; ra <= boundary + 0.05; ra += 0.01) {
            double v = m.value("KAPPA", acc.healpix().pixel(HealpixOrdering.NESTED, ra, b.decDeg() - 0.2));
            assertTrue(v == 0.0 || Double.isNaN(v), "masked pixels leaked: " + v);
        }
    }

    @Test
    void partialMosaicsMergeIntoTheWholeOne() throws Exception {
        List<Tile> tiles = tiles();
        MosaicAccumulator whole = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        MosaicAccumulator left = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        MosaicAccumulator right = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        for (int i = 0; i < tiles.size(); i++) {
            SkyMap map = map(tiles.get(i), MosaicTest::field);
            whole.add(map);
            (i % 2 == 0 ? left : right).add(map);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(right); // as Spark ships a partial mosaic
        }
        MosaicAccumulator shipped;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (MosaicAccumulator) in.readObject();
        }
        HealpixMosaic merged = left.merge(shipped).result("KAPPA", null);
        HealpixMosaic expected = whole.result("KAPPA", null);
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.pixel(i), merged.pixel(i));
            assertEquals(expected.column("KAPPA").get(i), merged.column("KAPPA").get(i), 1e-12);
        }
        MosaicAccumulator other = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(4), Resampling.BILINEAR);
        assertThrows(IllegalArgumentException.class, () -> whole.merge(other));
    }

    @Test
    void writesAHealpixPartialSkyTableAndAPreview() throws Exception {
        MosaicAccumulator acc = MosaicAccumulator.forPixelSize(SPEC.pixelArcmin(), new EdgeTaper(8), Resampling.BILINEAR);
        for (Tile t : TILING.tilesInBox(358.5, 1.5, -1.5, 1.5)) {
            acc.add(map(t, MosaicTest::field));
        }
        assertEquals(2048, acc.healpix().nside()); // 1.72' pixels for 2' tile pixels
        HealpixMosaic mosaic = HealpixMosaic.join(List.of(acc.result("KAPPA_MEAN", null), acc.weights()));
        Path file = dir.resolve("mosaic.fits");
        mosaic.writeFits(file, "KAPPA_MEAN", PROV);
        FitsTable t = FitsTables.read(file);
        FitsKeywords k = t.keywords();
        assertEquals("HEALPIX", k.string("PIXTYPE").orElseThrow().trim());
        assertEquals("NESTED", k.string("ORDERING").orElseThrow().trim());
        assertEquals(2048L, k.integer("NSIDE").orElseThrow());
        assertEquals("EXPLICIT", k.string("INDXSCHM").orElseThrow().trim());
        assertEquals("PARTIAL", k.string("OBJECT").orElseThrow().trim());
        assertEquals("C", k.string("COORDSYS").orElseThrow().trim());
        assertEquals((long) mosaic.size(), k.integer("OBS_NPIX").orElseThrow());
        assertEquals(List.of("PIXEL", "KAPPA_MEAN", "WEIGHT"), t.names());
        assertEquals("1K", k.string("TFORM1").orElseThrow().trim());
        HealpixMosaic back = HealpixMosaic.read(file);
        assertEquals(mosaic.size(), back.size());
        assertEquals(List.of("KAPPA_MEAN", "WEIGHT"), back.names());
        for (int i = 0; i < back.size(); i += 97) {
            assertEquals(mosaic.pixel(i), back.pixel(i));
            assertEquals(mosaic.column("KAPPA_MEAN").get(i), back.column("KAPPA_MEAN").get(i));
        }

        Path png = dir.resolve("mosaic.png");
        MosaicPreview.figure(mosaic, "KAPPA_MEAN", "test field").writePng(png);
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 200 && image.getHeight() > 200, image.getWidth() + "x" + image.getHeight());
        assertTrue(Files.size(png) > 5_000);
    }

    @Test
    void previewsDrawTheArcAcrossRaZero() {
        double[] across = MosaicPreview.coveredArc(new double[] {359.0, 359.5, 0.2, 0.9}, 0.01, false);
        assertEquals(359.0 - 0.01, across[0], 1e-12);
        assertEquals(1.9 + 0.02, across[1], 1e-9);
        double[] plain = MosaicPreview.coveredArc(new double[] {10, 12, 11}, 0.01, false);
        assertEquals(9.99, plain[0], 1e-12);
        assertEquals(2.02, plain[1], 1e-9);
        assertEquals(360, MosaicPreview.coveredArc(new double[] {10, 12}, 0.01, true)[1]);
    }

    @Test
    void joinsAndChecks() {
        Healpix hp = new Healpix(4);
        HealpixMosaic a = new HealpixMosaic(hp, HealpixOrdering.NESTED, new long[] {1, 5}, List.of(org.massmap.io.fits.TableColumn.doubles("A", null, 1, 5)));
        HealpixMosaic b = new HealpixMosaic(hp, HealpixOrdering.NESTED, new long[] {2, 5}, List.of(org.massmap.io.fits.TableColumn.doubles("B", null, 2, 50)));
        HealpixMosaic j = HealpixMosaic.join(List.of(a, b));
        assertEquals(3, j.size());
        assertEquals(List.of("A", "B"), j.names());
        assertTrue(Double.isNaN(j.value("A", 2)));
        assertEquals(50, j.value("B", 5));
        assertThrows(IllegalArgumentException.class, () -> HealpixMosaic.join(List.of(a, a)));
        assertThrows(IllegalArgumentException.class,
                () -> new HealpixMosaic(hp, HealpixOrdering.NESTED, new long[] {5, 1}, List.of(org.massmap.io.fits.TableColumn.doubles("A", null, 1, 5))));
    }
}
