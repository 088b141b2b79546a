package org.massmap.grid;

/**
 * A tile placed in the centre of a larger periodic grid (docs/conventions.md, Grid): the inference
 * runs on {@link #outer()}, whose extra columns and rows around the tile hold no data, so mass just
 * outside the tile is inferred in that margin instead of wrapping onto the opposite edge, and every
 * product is cropped back to {@link #tile()}.
 *
 * <p>Both grids share the pixel size and the sky centre; the tile occupies outer columns
 * [{@link #offsetX()}, offsetX + tile.nx) and rows [{@link #offsetY()}, offsetY + tile.ny), with equal
 * margins on opposite sides, so outer pixel (ix + offsetX, iy + offsetY) is tile pixel (ix, iy) at the
 * same sky position. Side rule, per axis, for a tile side n and margin fraction f &gt; 0: the smallest
 * side N ≥ n·(1 + f), N &gt; n, with N − n even, no prime factor above 5 (FFT-friendly) and, for even n,
 * N a multiple of 8 (what the hybrid network's 2^scales padding needs least): 64 gives 72, 80, 96, 128
 * for f = 1/8, 1/4, 1/2, 1; 360 gives 432 for 1/8. f = 0 is the identity (N = n). Immutable.
 *
 * @param tile    the tile whose products are published
 * @param outer   the periodic grid the inference runs on (the tile itself for the identity)
 * @param offsetX outer column of tile column 0
 * @param offsetY outer row of tile row 0
 */
public record TileEmbedding(TileGrid tile, TileGrid outer, int offsetX, int offsetY) {

    /** The largest margin fraction accepted (a grid 5 times the tile's side). */
    public static final double MAX_FRACTION = 4.0;

    public TileEmbedding {
        if (offsetX < 0 || offsetY < 0 || outer.nx() != tile.nx() + 2 * offsetX || outer.ny() != tile.ny() + 2 * offsetY) {
            throw new IllegalArgumentException("outer grid " + outer + " does not hold " + tile + " centred at offset (" + offsetX
                    + ", " + offsetY + ")");
        }
        if (outer.pixelRad() != tile.pixelRad() || !outer.centre().equals(tile.centre())) {
            throw new IllegalArgumentException("an embedding keeps the tile's pixel size and centre: " + outer + " vs " + tile);
        }
    }

    /**
     * The tile in the centre of the larger grid given by margin fraction {@code fraction} (see the
     * class comment).
     *
     * @throws IllegalArgumentException unless 0 ≤ fraction ≤ {@value #MAX_FRACTION}
     */
    public static TileEmbedding of(TileGrid tile, double fraction) {
        if (!(fraction >= 0 && fraction <= MAX_FRACTION)) {
            throw new IllegalArgumentException("map.embedding-margin must lie in [0, " + MAX_FRACTION
                    + "] (a fraction of the tile side), got " + fraction);
        }
        int nx = side(tile.nx(), fraction);
        int ny = side(tile.ny(), fraction);
        TileGrid outer = new TileGrid(nx, ny, tile.pixelRad(), tile.centre());
        return new TileEmbedding(tile, outer, (nx - tile.nx()) / 2, (ny - tile.ny()) / 2);
    }

    /** The identity: the tile is its own torus. */
    public static TileEmbedding identity(TileGrid tile) {
        return new TileEmbedding(tile, tile, 0, 0);
    }

    /** The outer side for tile side n and margin fraction f (the class comment's rule). */
    public static int side(int n, double f) {
        if (f == 0) {
            return n;
        }
        int side = (int) Math.ceil(n * (1 + f) - 1e-9);
        side = Math.max(side, n + 1);
        while ((side - n) % 2 != 0 || (n % 2 == 0 && side % 8 != 0) || !smooth(side)) {
            side++;
        }
        return side;
    }

    /** Whether n has no prime factor above 5 (JTransforms' mixed-radix sizes; others take Bluestein's slower path). */
    static boolean smooth(int n) {
        for (int p : new int[] {2, 3, 5}) {
            while (n % p == 0) {
                n /= p;
            }
        }
        return n == 1;
    }

    /** Whether the outer grid is the tile itself (margin 0). */
    public boolean isIdentity() {
        return offsetX == 0 && offsetY == 0;
    }

    /** Outer pixels per tile pixel: the cost factor of one map-sized operation, to first order. */
    public double areaRatio() {
        return (double) outer.size() / tile.size();
    }

    /** A tile map placed in the outer grid, {@code fill} in the margin. */
    public double[] embed(double[] tileMap, double fill) {
        requireLength(tileMap.length, tile.size(), "tile");
        double[] out = new double[outer.size()];
        if (fill != 0) {
            java.util.Arrays.fill(out, fill);
        }
        for (int iy = 0; iy < tile.ny(); iy++) {
            System.arraycopy(tileMap, iy * tile.nx(), out, (iy + offsetY) * outer.nx() + offsetX, tile.nx());
        }
        return out;
    }

    /** A tile mask placed in the outer grid, false in the margin. */
    public boolean[] embed(boolean[] tileMask) {
        requireLength(tileMask.length, tile.size(), "tile");
        boolean[] out = new boolean[outer.size()];
        for (int iy = 0; iy < tile.ny(); iy++) {
            System.arraycopy(tileMask, iy * tile.nx(), out, (iy + offsetY) * outer.nx() + offsetX, tile.nx());
        }
        return out;
    }

    /** A tile count map placed in the outer grid, 0 in the margin. */
    public int[] embed(int[] tileCounts) {
        requireLength(tileCounts.length, tile.size(), "tile");
        int[] out = new int[outer.size()];
        for (int iy = 0; iy < tile.ny(); iy++) {
            System.arraycopy(tileCounts, iy * tile.nx(), out, (iy + offsetY) * outer.nx() + offsetX, tile.nx());
        }
        return out;
    }

    /** The tile's part of an outer map (a copy; for the identity, a copy of the map itself). */
    public double[] crop(double[] outerMap) {
        requireLength(outerMap.length, outer.size(), "outer");
        if (isIdentity()) {
            return outerMap.clone();
        }
        double[] out = new double[tile.size()];
        for (int iy = 0; iy < tile.ny(); iy++) {
            System.arraycopy(outerMap, (iy + offsetY) * outer.nx() + offsetX, out, iy * tile.nx(), tile.nx());
        }
        return out;
    }

    /** Outer pixel index of tile pixel index {@code i}. */
    public int outerIndex(int i) {
        return (i / tile.nx() + offsetY) * outer.nx() + i % tile.nx() + offsetX;
    }

    private static void requireLength(int length, int expected, String which) {
        if (length != expected) {
            throw new IllegalArgumentException("a " + which + " map needs " + expected + " pixels, got " + length);
        }
    }
}
