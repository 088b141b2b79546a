package org.massmap.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.GalaxyChunk;
import org.massmap.io.MassmapIoException;

class TileListTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileWithHeaderCommentsAndDefaults() throws Exception {
        Path file = dir.resolve("tiles.csv");
        Files.writeString(file, """
                id, ra, dec, size, pixel_arcmin
                # COSMOS and a field across RA = 0
                cosmos, 150.12, 2.21, 360, 0.29

                stripe82-a 359.5 -0.5
                pole, 0, 90, 64, 1.0
                """);
        TileList list = TileList.read(file, 128, 0.5);
        assertEquals(List.of("cosmos", "pole", "stripe82-a"), list.tiles().stream().map(Tile::id).toList());
        Tile stripe = list.tile("stripe82-a").orElseThrow();
        assertEquals(128, stripe.size());
        assertEquals(0.5, stripe.pixelArcmin());
        assertEquals(360, list.tile("cosmos").orElseThrow().size());
        assertEquals(List.of(stripe), list.tilesContaining(0.0, -0.9)); // across RA = 0
        assertEquals(List.of(stripe), list.tilesContaining(-0.05, 0.0));
        assertEquals("pole", list.homeTile(123, 89.9).orElseThrow().id());
        assertTrue(list.tilesContaining(90, 30).isEmpty());
        assertTrue(list.homeTile(90, 30).isEmpty());
    }

    @Test
    void lookUpsAgreeWithAScanOfAllTiles() {
        SplittableRandom rng = new SplittableRandom(11);
        List<Tile> tiles = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tiles.add(new Tile("f" + i, rng.nextDouble(360), Math.toDegrees(Math.asin(rng.nextDouble(-1, 1))), 64, rng.nextDouble(2, 20)));
        }
        TileList list = TileList.of(tiles);
        for (double[] p : SurveyTilingTest.positions(12, 3000)) {
            Set<String> scan = new HashSet<>();
            tiles.stream().filter(t -> t.contains(p[0], p[1])).forEach(t -> scan.add(t.id()));
            Set<String> fast = new HashSet<>();
            list.tilesContaining(p[0], p[1]).forEach(t -> fast.add(t.id()));
            assertEquals(scan, fast, () -> "at (" + p[0] + ", " + p[1] + ")");
        }
    }

    @Test
    void badFilesSayWhereAndWhat() throws Exception {
        Path dup = dir.resolve("dup.txt");
        Files.writeString(dup, "a 10 10\na 20 20\n");
        MassmapIoException e = assertThrows(MassmapIoException.class, () -> TileList.read(dup, 64, 1));
        assertTrue(e.getMessage().startsWith(dup.toString()) && e.getMessage().contains("'a' appears twice"), e.getMessage());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "a 10 10\nb 20\n");
        e = assertThrows(MassmapIoException.class, () -> TileList.read(bad, 64, 1));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(bad, "a 10 100\n");
        e = assertThrows(MassmapIoException.class, () -> TileList.read(bad, 64, 1));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("Dec"), e.getMessage());
        Files.writeString(bad, "../x 10 10\n");
        e = assertThrows(MassmapIoException.class, () -> TileList.read(bad, 64, 1));
        assertTrue(e.getMessage().contains("tile id"), e.getMessage());
        Files.writeString(bad, "# nothing\n");
        assertThrows(MassmapIoException.class, () -> TileList.read(bad, 64, 1));
        assertThrows(MassmapIoException.class, () -> TileList.read(dir.resolve("missing.txt"), 64, 1));
    }

    @Test
    void occupancyMergesExactlyAndItsTilesCoverEveryGalaxy() {
        SurveyTiling tiling = SurveyTiling.of(new TilingSpec(128, 0.5, 8.0));
        SplittableRandom rng = new SplittableRandom(13);
        GalaxyChunk a = new GalaxyChunk(5000);
        GalaxyChunk b = new GalaxyChunk(5000);
        for (int i = 0; i < 5000; i++) { // a 6 x 4 degree field across RA = 0
            a.add(rng.nextDouble(-3, 3), rng.nextDouble(-2, 2), 0, 0, 1);
            b.add(rng.nextDouble(-3, 3), rng.nextDouble(-2, 2), 0, 0, 1);
        }
        TileOccupancy whole = new TileOccupancy(tiling);
        whole.addAll(a);
        whole.addAll(b);
        TileOccupancy left = new TileOccupancy(tiling);
        left.addAll(a);
        TileOccupancy right = new TileOccupancy(tiling);
        right.addAll(b);
        assertEquals(whole.counts(), left.merge(right).counts());
        assertEquals(10_000, whole.counts().values().stream().mapToLong(Long::longValue).sum());
        List<Tile> needed = whole.tiles(1);
        for (int i = 0; i < a.size(); i++) {
            double ra = a.ra()[i];
            double dec = a.dec()[i];
            assertTrue(needed.stream().anyMatch(t -> t.contains(ra, dec)));
        }
        assertTrue(needed.size() >= 6 * 4 && needed.size() < 60, needed.size() + " tiles");
        TileOccupancy other = new TileOccupancy(SurveyTiling.of(new TilingSpec(64, 0.5, 8.0)));
        assertThrows(IllegalArgumentException.class, () -> whole.merge(other));
    }
}
