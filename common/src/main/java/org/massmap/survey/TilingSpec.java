package org.massmap.survey;

import java.io.Serializable;
import java.util.Locale;
import org.massmap.grid.TileGrid;

/**
 * The shape of the tiles of a survey tiling: {@code tilePixels} × {@code tilePixels} square pixels
 * of {@code pixelArcmin} arcmin, neighbouring tiles overlapping by at least {@code overlapArcmin}
 * arcmin everywhere. The overlap must be less than half the tile side (so that tiles still advance)
 * and tiles at most 20° across (gnomonic distortion and the ring scheme's geometry).
 *
 * @param tilePixels    pixels per tile side, at least 4
 * @param pixelArcmin   pixel side in arcmin (on the tangent plane at the tile centre)
 * @param overlapArcmin minimum width of the strip shared by neighbouring tiles, in arcmin, at least 0
 */
public record TilingSpec(int tilePixels, double pixelArcmin, double overlapArcmin) implements Serializable {

    public TilingSpec {
        if (tilePixels < 4) {
            throw new IllegalArgumentException("map.size must be at least 4 pixels, got " + tilePixels);
        }
        if (!(pixelArcmin > 0) || !Double.isFinite(pixelArcmin)) {
            throw new IllegalArgumentException("map.pixel-arcmin must be positive, got " + pixelArcmin);
        }
        double side = tilePixels * pixelArcmin;
        if (side > 20 * 60) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "tiles of %d pixels of %.4g arcmin are %.4g degrees across; keep map.size x map.pixel-arcmin at most 20 degrees",
                    tilePixels, pixelArcmin, side / 60));
        }
        if (!(overlapArcmin >= 0) || !(overlapArcmin < side / 2)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "job.overlap-arcmin must lie in [0, %.4g), half the tile side (%d pixels of %.4g arcmin), got %s",
                    side / 2, tilePixels, pixelArcmin, overlapArcmin));
        }
    }

    /** Tile side in arcmin, measured on the tangent plane. */
    public double tileArcmin() {
        return tilePixels * pixelArcmin;
    }

    /** Half the tile side in gnomonic standard coordinates (tan of the angle to an edge midpoint). */
    public double halfSideTangent() {
        return tilePixels / 2.0 * pixelArcmin * TileGrid.ARCMIN;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d px of %.4g arcmin, overlap %.4g arcmin", tilePixels, tilePixels, pixelArcmin, overlapArcmin);
    }
}
