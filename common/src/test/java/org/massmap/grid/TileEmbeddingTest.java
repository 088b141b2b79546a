package org.massmap.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Placement and cropping of a tile in a larger periodic grid. */
class TileEmbeddingTest {
    static final TileGrid TILE = new TileGrid(20, 14, 1.5 * TileGrid.ARCMIN, new SkyPoint(150.1, 2.2));

    @Test
    void sidesAreFftFriendlyAndTheTileSitsInTheCentre() {
        assertEquals(64, TileEmbedding.side(64, 0));
        assertEquals(72, TileEmbedding.side(64, 0.125));
        assertEquals(80, TileEmbedding.side(64, 0.25));
        assertEquals(96, TileEmbedding.side(64, 0.5));
        assertEquals(128, TileEmbedding.side(64, 1));
        assertEquals(24, TileEmbedding.side(20, 0.01)); // any margin at all gives at least one pixel per side
        assertEquals(25, TileEmbedding.side(15, 0.3)); // odd side: even margins, no multiple of 8 possible; 21 = 3·7
        assertEquals(432, TileEmbedding.side(360, 0.125)); // 408 = 8·3·17 ... 424 = 8·53 are not FFT-friendly
        assertTrue(TileEmbedding.smooth(2 * 3 * 5 * 8) && !TileEmbedding.smooth(8 * 7) && !TileEmbedding.smooth(17));
        TileEmbedding e = TileEmbedding.of(TILE, 0.5);
        assertEquals(new TileGrid(32, 24, TILE.pixelRad(), TILE.centre()), e.outer());
        assertEquals(6, e.offsetX());
        assertEquals(5, e.offsetY());
        assertFalse(e.isIdentity());
        assertEquals(32.0 * 24 / (20 * 14), e.areaRatio(), 1e-12);
        assertTrue(TileEmbedding.of(TILE, 0).isIdentity());
        assertEquals(TILE, TileEmbedding.of(TILE, 0).outer());
    }

    @Test
    void outerPixelsLieAtTheSkyPositionsOfTheTilePixelsTheyHold() {
        TileEmbedding e = TileEmbedding.of(TILE, 0.7);
        for (int i : new int[] {0, 19, 20 * 13, 20 * 14 - 1, 137}) {
            int o = e.outerIndex(i);
            SkyPoint a = TILE.pixelCentre(i % TILE.nx(), i / TILE.nx());
            SkyPoint b = e.outer().pixelCentre(o % e.outer().nx(), o / e.outer().nx());
            assertEquals(0, a.separationRad(b), 1e-12, "pixel " + i);
        }
    }

    @Test
    void embeddingThenCroppingGivesTheMapBackAndTheMarginHoldsOnlyTheFill() {
        TileEmbedding e = TileEmbedding.of(TILE, 0.4);
        SplittableRandom rng = new SplittableRandom(3);
        double[] map = new double[TILE.size()];
        boolean[] mask = new boolean[TILE.size()];
        int[] counts = new int[TILE.size()];
        for (int i = 0; i < map.length; i++) {
            map[i] = rng.nextGaussian();
            mask[i] = rng.nextBoolean();
            counts[i] = 1 + rng.nextInt(9);
        }
        double[] outer = e.embed(map, -7);
        assertArrayEquals(map, e.crop(outer));
        boolean[] outerMask = e.embed(mask);
        int[] outerCounts = e.embed(counts);
        int inTile = 0;
        for (int o = 0; o < outer.length; o++) {
            int x = o % e.outer().nx() - e.offsetX();
            int y = o / e.outer().nx() - e.offsetY();
            boolean tile = x >= 0 && y >= 0 && x < TILE.nx() && y < TILE.ny();
            if (tile) {
                int i = y * TILE.nx() + x;
                assertEquals(o, e.outerIndex(i));
                assertEquals(map[i], outer[o]);
                assertEquals(mask[i], outerMask[o]);
                assertEquals(counts[i], outerCounts[o]);
                inTile++;
            } else {
                assertEquals(-7, outer[o]);
                assertFalse(outerMask[o]);
                assertEquals(0, outerCounts[o]);
            }
        }
        assertEquals(TILE.size(), inTile);
        // the identity copies, it never hands out the caller's array
        double[] same = TileEmbedding.identity(TILE).crop(map);
        assertArrayEquals(map, same);
        assertFalse(same == map);
        assertSame(TILE, TileEmbedding.identity(TILE).outer());
    }

    @Test
    void badMarginsAndMismatchedGridsAreRefusedWithTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TileEmbedding.of(TILE, -0.1));
        assertTrue(e.getMessage().contains("map.embedding-margin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TileEmbedding.of(TILE, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TileEmbedding.of(TILE, 4.5));
        assertThrows(IllegalArgumentException.class, () -> new TileEmbedding(TILE, TILE.withCentre(new SkyPoint(1, 1)), 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TileEmbedding(TILE, new TileGrid(23, 14, TILE.pixelRad(), TILE.centre()), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> TileEmbedding.of(TILE, 0.5).crop(new double[TILE.size()]));
    }
}
