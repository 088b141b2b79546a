package org.massmap.survey;

import java.io.Serializable;

/**
 * The weight a tile gives its pixels in a mosaic, falling smoothly to 0 at the tile's edges so that
 * overlapping tiles blend without seams: w = t(d_x)·t(d_y), with d the distance in pixels from the
 * position to the nearer edge along each axis (edges at pixel coordinates −½ and n − ½) and
 * t(d) = sin²(π/2 · d/L) for d &lt; L, 1 beyond, L = {@code widthArcmin} / pixel size. Width 0 gives
 * every position inside the tile weight 1. Immutable.
 *
 * <p>Choose the width no larger than the tiling's overlap: then every position still has weight
 * close to 1 in some tile, and the blend is a partition of unity across each overlap.
 *
 * @param widthArcmin width of the ramp in arcmin, at least 0
 */
public record EdgeTaper(double widthArcmin) implements Serializable {

    public EdgeTaper {
        if (!(widthArcmin >= 0) || !Double.isFinite(widthArcmin)) {
            throw new IllegalArgumentException("mosaic.taper-arcmin must be a finite number of arcmin >= 0, got " + widthArcmin);
        }
    }

    /** No taper: weight 1 everywhere inside the tile. */
    public static EdgeTaper none() {
        return new EdgeTaper(0);
    }

    /**
     * Weight of continuous pixel coordinates (x, y) (0-based, pixel centres at integers) on an
     * {@code nx} × {@code ny} grid of {@code pixelArcmin} pixels; 0 outside the grid.
     */
    public double weight(double x, double y, int nx, int ny, double pixelArcmin) {
        double ramp = widthArcmin / pixelArcmin;
        return ramp(Math.min(x + 0.5, nx - 0.5 - x), ramp) * ramp(Math.min(y + 0.5, ny - 0.5 - y), ramp);
    }

    private static double ramp(double d, double width) {
        if (d <= 0) {
            return 0;
        }
        if (d >= width) {
            return 1;
        }
        double s = Math.sin(Math.PI / 2 * d / width);
        return s * s;
    }
}
