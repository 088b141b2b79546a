package org.massmap.grid;

import java.util.Locale;

/**
 * The pixel grid of one tile: ny rows by nx columns of square pixels of side {@code pixelRad}
 * radians, on the gnomonic tangent plane about {@code centre}.
 *
 * <p>Layout: flat row-major maps, index {@code iy*nx + ix}; column ix grows towards West (-RA),
 * row iy towards North (+Dec), so FITS images display North up, East left. The centre lies at
 * 0-based pixel coordinate ((nx-1)/2, (ny-1)/2), i.e. FITS CRPIX = ((nx+1)/2, (ny+1)/2).
 * Immutable and thread-safe.
 */
public record TileGrid(int nx, int ny, double pixelRad, SkyPoint centre) implements java.io.Serializable {

    public static final double ARCMIN = Math.PI / (180.0 * 60.0);

    public TileGrid {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("a tile needs at least 2x2 pixels, got " + nx + "x" + ny);
        }
        if (!(pixelRad > 0) || !Double.isFinite(pixelRad)) {
            throw new IllegalArgumentException("pixel size must be positive, got " + pixelRad / ARCMIN + " arcmin");
        }
        if (centre == null) {
            throw new IllegalArgumentException("a tile needs a centre");
        }
    }

    /** A square tile of {@code n x n} pixels of {@code pixelArcmin} arcmin. */
    public static TileGrid square(int n, double pixelArcmin, SkyPoint centre) {
        return new TileGrid(n, n, pixelArcmin * ARCMIN, centre);
    }

    public int size() {
        return nx * ny;
    }

    public double pixelArcmin() {
        return pixelRad / ARCMIN;
    }

    public double pixelDeg() {
        return Math.toDegrees(pixelRad);
    }

    /** Solid angle of the whole tile in square degrees (tangent-plane approximation). */
    public double areaDeg2() {
        return nx * ny * pixelDeg() * pixelDeg();
    }

    public TangentPlane tangentPlane() {
        return new TangentPlane(centre);
    }

    /** 0-based column coordinate of the tile centre. */
    public double centreX() {
        return (nx - 1) / 2.0;
    }

    /** 0-based row coordinate of the tile centre. */
    public double centreY() {
        return (ny - 1) / 2.0;
    }

    /** Continuous 0-based column coordinate of standard coordinate xi (radians, East positive). */
    public double xOf(double xi) {
        return centreX() - xi / pixelRad;
    }

    /** Continuous 0-based row coordinate of standard coordinate eta (radians, North positive). */
    public double yOf(double eta) {
        return centreY() + eta / pixelRad;
    }

    /** Standard coordinate xi (radians) of 0-based column coordinate x. */
    public double xiOf(double x) {
        return (centreX() - x) * pixelRad;
    }

    /** Standard coordinate eta (radians) of 0-based row coordinate y. */
    public double etaOf(double y) {
        return (y - centreY()) * pixelRad;
    }

    /** Sky position of the centre of pixel (ix, iy). */
    public SkyPoint pixelCentre(int ix, int iy) {
        return tangentPlane().deproject(xiOf(ix), etaOf(iy));
    }

    /** Index of the pixel containing continuous coordinates (x, y), or -1 outside the tile. */
    public int pixelIndex(double x, double y) {
        long ix = Math.round(x);
        long iy = Math.round(y);
        if (ix < 0 || iy < 0 || ix >= nx || iy >= ny) {
            return -1;
        }
        return (int) (iy * nx + ix);
    }

    /** The same grid with another centre. */
    public TileGrid withCentre(SkyPoint newCentre) {
        return new TileGrid(nx, ny, pixelRad, newCentre);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d px of %.4g arcmin at (%s)", nx, ny, pixelArcmin(), centre);
    }
}
