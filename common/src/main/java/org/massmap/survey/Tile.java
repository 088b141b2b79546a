package org.massmap.survey;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TangentPlane;
import org.massmap.grid.TileGrid;

/**
 * One survey tile: a stable identifier (also its output directory name) and a square
 * {@link TileGrid} of {@code size} × {@code size} pixels of {@code pixelArcmin} arcmin on the
 * gnomonic tangent plane at its centre (RA, Dec in degrees). Plain values only, so tiles travel to
 * Spark executors; immutable.
 *
 * @param id          1-64 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit
 * @param raDeg       centre right ascension in degrees, normalised to [0, 360)
 * @param decDeg      centre declination in degrees
 * @param size        pixels per side
 * @param pixelArcmin pixel side in arcmin
 */
public record Tile(String id, double raDeg, double decDeg, int size, double pixelArcmin) implements Serializable {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Tile {
        checkId(id);
        if (!Double.isFinite(raDeg) || !(decDeg >= -90 && decDeg <= 90)) {
            throw new IllegalArgumentException("tile '" + id + "': centre must have finite RA and Dec in [-90, 90], got (" + raDeg + ", " + decDeg + ")");
        }
        raDeg = SkyPoint.normaliseRa(raDeg);
        if (size < 2) {
            throw new IllegalArgumentException("tile '" + id + "': needs at least 2 pixels per side, got " + size);
        }
        if (!(pixelArcmin > 0) || !Double.isFinite(pixelArcmin)) {
            throw new IllegalArgumentException("tile '" + id + "': pixel size must be a positive number of arcmin, got " + pixelArcmin);
        }
    }

    /** Checks that {@code id} can name a tile (and a directory). */
    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a tile id must be 1-64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit, got '"
                    + id + "'");
        }
        return id;
    }

    public SkyPoint centre() {
        return new SkyPoint(raDeg, decDeg);
    }

    /** The tile's pixel grid (layout: docs/conventions.md, Grid). */
    public TileGrid grid() {
        return TileGrid.square(size, pixelArcmin, centre());
    }

    /** The gnomonic projection about the tile centre. */
    public TangentPlane tangentPlane() {
        return new TangentPlane(centre());
    }

    /** Angular distance from the centre to a corner, in radians: no point of the tile is farther. */
    public double radiusRad() {
        double half = size / 2.0 * pixelArcmin * TileGrid.ARCMIN;
        return Math.atan(half * Math.sqrt(2));
    }

    /**
     * Whether (RA, Dec) in degrees falls on one of the tile's pixels, by the rule the shear binner
     * uses (nearest pixel centre within the grid).
     */
    public boolean contains(double ra, double dec) {
        return contains(tangentPlane(), ra, dec, new double[2]);
    }

    /** {@link #contains(double, double)} with a caller's projection and scratch array, for loops. */
    boolean contains(TangentPlane plane, double ra, double dec, double[] scratch) {
        if (!plane.project(ra, dec, scratch)) {
            return false;
        }
        double pixelRad = pixelArcmin * TileGrid.ARCMIN;
        double centre = (size - 1) / 2.0;
        long ix = Math.round(centre - scratch[0] / pixelRad);
        long iy = Math.round(centre + scratch[1] / pixelRad);
        return ix >= 0 && iy >= 0 && ix < size && iy < size;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "tile %s at (%.5f, %.5f), %dx%d px of %.4g arcmin", id, raDeg, decDeg, size, size, pixelArcmin);
    }
}
