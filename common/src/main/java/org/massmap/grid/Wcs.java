package org.massmap.grid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FITS World Coordinate System keywords of a tile (celestial TAN projection, ICRS), as docs/conventions.md
 * (WCS) describes: CTYPE RA---TAN/DEC--TAN, CRVAL at the tile centre, CRPIX = (n+1)/2,
 * CDELT1 = -pixel (East left), CDELT2 = +pixel, in degrees. LONPOLE = 180 is written explicitly: it is
 * the FITS default for every tile centre except CRVAL2 = +90, where the default (0) would show a
 * pole-centred tile rotated by 180 degrees against {@link TangentPlane} (Calabretta &amp; Greisen 2002,
 * section 2.5).
 */
public final class Wcs {
    private Wcs() {
    }

    /** Ordered keyword → value map (String or Double) for the two celestial axes of {@code grid}. */
    public static Map<String, Object> keywords(TileGrid grid) {
        Map<String, Object> k = new LinkedHashMap<>();
        k.put("WCSAXES", 2);
        k.put("CTYPE1", "RA---TAN");
        k.put("CTYPE2", "DEC--TAN");
        k.put("CUNIT1", "deg");
        k.put("CUNIT2", "deg");
        k.put("CRVAL1", grid.centre().raDeg());
        k.put("CRVAL2", grid.centre().decDeg());
        k.put("CRPIX1", (grid.nx() + 1) / 2.0);
        k.put("CRPIX2", (grid.ny() + 1) / 2.0);
        k.put("CDELT1", -grid.pixelDeg());
        k.put("CDELT2", grid.pixelDeg());
        k.put("LONPOLE", 180.0);
        k.put("RADESYS", "ICRS");
        return k;
    }

    /**
     * Rebuilds a grid from WCS keyword values, checking that they describe this project's
     * layout (TAN, square pixels, East left, reference pixel at the centre).
     *
     * @param source name used in error messages (usually the file name)
     */
    public static TileGrid grid(int nx, int ny, Map<String, Object> keywords, String source) {
        String ctype1 = String.valueOf(keywords.get("CTYPE1"));
        String ctype2 = String.valueOf(keywords.get("CTYPE2"));
        if (!ctype1.startsWith("RA---TAN") || !ctype2.startsWith("DEC--TAN")) {
            throw new IllegalArgumentException(source + ": expected a RA---TAN/DEC--TAN WCS, found CTYPE1='"
                    + ctype1 + "', CTYPE2='" + ctype2 + "'");
        }
        double ra = number(keywords, "CRVAL1", source);
        double dec = number(keywords, "CRVAL2", source);
        double cdelt1 = number(keywords, "CDELT1", source);
        double cdelt2 = number(keywords, "CDELT2", source);
        double crpix1 = number(keywords, "CRPIX1", source);
        double crpix2 = number(keywords, "CRPIX2", source);
        if (!(cdelt1 < 0) || Math.abs(cdelt1 + cdelt2) > 1e-9 * Math.abs(cdelt2)) {
            throw new IllegalArgumentException(source + ": expected square pixels with East left (CDELT1 = -CDELT2 < 0), found CDELT1="
                    + cdelt1 + ", CDELT2=" + cdelt2);
        }
        if (Math.abs(crpix1 - (nx + 1) / 2.0) > 1e-6 || Math.abs(crpix2 - (ny + 1) / 2.0) > 1e-6) {
            throw new IllegalArgumentException(source + ": expected the reference pixel at the image centre ("
                    + (nx + 1) / 2.0 + ", " + (ny + 1) / 2.0 + "), found (" + crpix1 + ", " + crpix2 + ")");
        }
        return new TileGrid(nx, ny, Math.toRadians(cdelt2), new SkyPoint(ra, dec));
    }

    private static double number(Map<String, Object> keywords, String key, String source) {
        Object v = keywords.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(source + ": WCS keyword " + key + " is missing or not a number");
        }
        return n.doubleValue();
    }
}
