package org.massmap.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;

class SurveyTilingTest {

    /** The survey's usual tiles: 128 pixels of 0.5', 8' overlap (about 1.07 degrees, 47k tiles on the sky). */
    private static final TilingSpec USUAL = new TilingSpec(128, 0.5, 8.0);
    /** Large tiles (6.4 degrees, ~1.3k on the sky) for comparisons with a scan of every tile. */
    private static final TilingSpec LARGE = new TilingSpec(64, 6.0, 40.0);

    /** Uniform random positions on the sphere plus the awkward ones: RA 0/360, poles, |Dec| up to 90. */
    static List<double[]> positions(long seed, int count) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<double[]> p = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            p.add(new double[] {rng.nextDouble(360), Math.toDegrees(Math.asin(rng.nextDouble(-1, 1)))});
        }
        for (double dec : new double[] {-90, -89.999, -89, -75, -45, -1e-9, 0, 1e-9, 30, 60, 89, 89.999, 90}) {
            for (double ra : new double[] {0, 1e-9, 359.9999999, 180, 90.5}) {
                p.add(new double[] {ra, dec});
            }
        }
        for (int i = 0; i < count / 10; i++) { // crowd RA = 0 and the polar caps
            p.add(new double[] {rng.nextDouble(-0.5, 0.5), rng.nextDouble(-89, 89)});
            p.add(new double[] {rng.nextDouble(360), rng.nextDouble(86, 90) * (rng.nextBoolean() ? 1 : -1)});
        }
        return p;
    }

    @Test
    void everyPositionFallsInItsHomeTileAndInTheTilesContainingIt() {
        SurveyTiling tiling = SurveyTiling.of(USUAL);
        for (double[] p : positions(1, 20_000)) {
            List<Tile> tiles = tiling.tilesContaining(p[0], p[1]);
            Tile home = tiling.homeTile(p[0], p[1]).orElseThrow();
            assertTrue(home.contains(p[0], p[1]), () -> "home tile " + home + " misses (" + p[0] + ", " + p[1] + ")");
            assertTrue(tiles.contains(home), () -> "(" + p[0] + ", " + p[1] + ") is in " + tiles + " but not in its home " + home);
            for (Tile t : tiles) {
                assertTrue(t.contains(p[0], p[1]));
            }
        }
    }

    @Test
    void fastLookUpFindsExactlyTheTilesAScanOfAllTilesFinds() {
        SurveyTiling tiling = SurveyTiling.of(LARGE);
        List<Tile> all = new ArrayList<>();
        for (int g = 0; g < tiling.ringCount(); g++) {
            for (int j = 0; j < tiling.tilesInRing(g); j++) {
                all.add(tiling.tile(g, j));
            }
        }
        assertEquals(tiling.tileCount(), all.size());
        for (double[] p : positions(2, 1_500)) {
            Set<String> scan = new HashSet<>();
            for (Tile t : all) {
                if (t.contains(p[0], p[1])) {
                    scan.add(t.id());
                }
            }
            Set<String> fast = new HashSet<>();
            tiling.tilesContaining(p[0], p[1]).forEach(t -> fast.add(t.id()));
            assertEquals(scan, fast, () -> "at (" + p[0] + ", " + p[1] + ")");
            assertFalse(scan.isEmpty());
        }
    }

    @Test
    void everyPointWithinHalfTheOverlapOfAPositionSharesItsHomeTile() {
        // Home cells widened by overlap/2 fit in their tiles; so neighbouring tiles (in a ring and across rings)
        // share a strip at least the overlap wide.
        for (TilingSpec spec : List.of(USUAL, LARGE, new TilingSpec(256, 0.29, 0.0))) {
            SurveyTiling tiling = SurveyTiling.of(spec);
            double m = Math.toRadians(spec.overlapArcmin() / 60) / 2 * (1 - 1e-6);
            SplittableRandom rng = new SplittableRandom(3);
            for (double[] p : positions(4, 5_000)) {
                Tile home = tiling.homeTile(p[0], p[1]).orElseThrow();
                TangentPlane local = new TangentPlane(new SkyPoint(p[0], p[1]));
                for (int k = 0; k < 4; k++) {
                    double angle = rng.nextDouble(2 * Math.PI);
                    double r = Math.tan(m); // gnomonic radius of an angular distance m
                    SkyPoint q = local.deproject(r * Math.cos(angle), r * Math.sin(angle));
                    assertTrue(home.contains(q.raDeg(), q.decDeg()),
                            () -> spec + ": " + q + " is within overlap/2 of (" + p[0] + ", " + p[1] + ") but outside its home " + home);
                }
            }
        }
    }

    @Test
    void neighboursInARingShareAStripAtLeastTheOverlapWide() {
        SurveyTiling tiling = SurveyTiling.of(USUAL);
        double m = USUAL.overlapArcmin() / 60 / 2 * (1 - 1e-6);
        for (int g = 1; g < tiling.ringCount() - 1; g++) {
            int n = tiling.tilesInRing(g);
            double[] band = tiling.ringDecRange(g);
            for (int j = 0; j < n; j++) {
                Tile west = tiling.tile(g, j);
                Tile east = tiling.tile(g, (j + 1) % n); // the last pair crosses RA = 0
                double boundary = (j + 1) * 360.0 / n;
                for (double f : new double[] {0, 0.5, 1 - 1e-9}) {
                    double dec = band[0] + f * (band[1] - band[0]);
                    double dRa = Math.toDegrees(Math.asin(Math.sin(Math.toRadians(m)) / Math.cos(Math.toRadians(dec))));
                    for (double ra : new double[] {boundary - dRa, boundary, boundary + dRa}) {
                        assertTrue(west.contains(ra, dec) && east.contains(ra, dec),
                                () -> "ring " + west.id() + "/" + east.id() + " at (" + ra + ", " + dec + ")");
                    }
                }
            }
        }
    }

    @Test
    void idsAreStableUniqueAndResolveBack() {
        SurveyTiling a = SurveyTiling.of(LARGE);
        SurveyTiling b = SurveyTiling.of(new TilingSpec(64, 6.0, 40.0));
        assertEquals(a, b);
        Set<String> ids = new HashSet<>();
        for (int g = 0; g < a.ringCount(); g++) {
            for (int j = 0; j < a.tilesInRing(g); j++) {
                Tile t = a.tile(g, j);
                assertTrue(ids.add(t.id()), "duplicate id " + t.id());
                assertTrue(t.id().matches("t\\d{3}_\\d{4}"), t.id());
                assertEquals(t, b.tile(g, j));
                assertEquals(t, a.tile(t.id()).orElseThrow());
            }
        }
        assertEquals("t000_0000", a.homeTile(12, 90).orElseThrow().id());
        assertEquals("t" + String.format("%03d", a.ringCount() - 1) + "_0000", a.homeTile(12, -90).orElseThrow().id());
        assertEquals(90, a.tile("t000_0000").orElseThrow().decDeg());
        assertTrue(a.tile("t999_0000").isEmpty());
        assertTrue(a.tile("t1_0").isEmpty()); // ids are zero-padded: one spelling per tile
        assertTrue(a.tile("cosmos").isEmpty());
    }

    @Test
    void tileCountsAreSensible() {
        SurveyTiling tiling = SurveyTiling.of(USUAL);
        double side = USUAL.tileArcmin() / 60;
        double step = (USUAL.tileArcmin() - USUAL.overlapArcmin()) / 60;
        double sky = 4 * Math.PI * Math.pow(180 / Math.PI, 2);
        // A perfect square packing at the step would need sky/step² tiles; the ring scheme needs a bit more.
        double efficiency = tiling.tileCount() * step * step / sky;
        assertTrue(efficiency > 1 && efficiency < 1.3, "tiles " + tiling.tileCount() + ", packing " + efficiency);
        for (double dec : new double[] {0, 45, -70}) {
            List<Tile> patch = tiling.tilesInBox(145, 155, dec - 5, dec + 5);
            double boxArea = Math.toDegrees(Math.toRadians(10) * (Math.sin(Math.toRadians(dec + 5)) - Math.sin(Math.toRadians(dec - 5))));
            double ideal = boxArea / (step * step);
            // At least the ideal count, at most what the partially covered tiles along the edges add.
            assertTrue(patch.size() >= ideal && patch.size() <= (10 / step + 2) * (10 / step * 1.3 + 2),
                    "Dec " + dec + ": " + patch.size() + " tiles for an ideal " + ideal);
            assertTrue(patch.size() * side * side > boxArea);
        }
        // 10 x 10 degrees at the equator: about (600' / 56')² ≈ 115 tiles, plus a partial row and column.
        int equator = tiling.tilesInBox(145, 155, -5, 5).size();
        assertTrue(equator >= 115 && equator <= 170, "equatorial patch: " + equator);
    }

    @Test
    void boxesCoverTheirPositionsAcrossRaZeroAndPoles() {
        SurveyTiling tiling = SurveyTiling.of(USUAL);
        double[][] boxes = {{355, 5, -3, 4}, {-20, 20, 80, 90}, {0, 360, -90, -85}, {170, 190, -0.5, 0.5}};
        SplittableRandom rng = new SplittableRandom(5);
        for (double[] box : boxes) {
            Set<String> ids = new HashSet<>();
            tiling.tilesInBox(box[0], box[1], box[2], box[3]).forEach(t -> ids.add(t.id()));
            double span = box[1] - box[0] >= 360 ? 360 : SkyPoint.normaliseRa(box[1] - box[0]);
            for (int i = 0; i < 2000; i++) {
                double ra = box[0] + rng.nextDouble() * span;
                double dec = box[2] + rng.nextDouble() * (box[3] - box[2]);
                boolean covered = false;
                for (Tile t : tiling.tilesContaining(ra, dec)) {
                    covered |= ids.contains(t.id());
                }
                assertTrue(covered, "box " + java.util.Arrays.toString(box) + ": (" + ra + ", " + dec + ") not covered");
                assertTrue(ids.contains(tiling.homeTile(ra, dec).orElseThrow().id()));
            }
        }
        List<Tile> crossing = tiling.tilesInBox(355, 5, -3, 4);
        List<Tile> union = new ArrayList<>(tiling.tilesInBox(355, 360, -3, 4));
        tiling.tilesInBox(0, 5, -3, 4).stream().filter(t -> !union.contains(t)).forEach(union::add);
        assertEquals(new HashSet<>(union), new HashSet<>(crossing));
    }

    @Test
    void tilingTravelsToExecutors() throws IOException, ClassNotFoundException {
        SurveyTiling tiling = SurveyTiling.of(USUAL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(tiling);
        }
        assertTrue(bytes.size() < 20_000, "serialized tiling is " + bytes.size() + " bytes");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SurveyTiling back = (SurveyTiling) in.readObject();
            assertEquals(tiling, back);
            assertEquals(tiling.tilesContaining(10, 20), back.tilesContaining(10, 20));
        }
    }

    @Test
    void badSettingsNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TilingSpec(128, 0.5, 40));
        assertTrue(e.getMessage().contains("job.overlap-arcmin"), e.getMessage()); // the keys that exist (conf/massmap.conf)
        e = assertThrows(IllegalArgumentException.class, () -> new TilingSpec(2, 0.5, 0));
        assertTrue(e.getMessage().contains("map.size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TilingSpec(4096, 1.0, 0));
        assertTrue(e.getMessage().contains("20 degrees") && e.getMessage().contains("map.size x map.pixel-arcmin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SurveyTiling.of(USUAL).tilesContaining(0, 91));
    }
}
