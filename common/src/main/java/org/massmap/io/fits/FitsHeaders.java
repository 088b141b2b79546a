package org.massmap.io.fits;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCardException;
import org.massmap.grid.TileGrid;
import org.massmap.grid.Wcs;
import org.massmap.io.MassmapIoException;

/** Writes keyword sets into nom-tam-fits headers, with comments; package-private plumbing. */
final class FitsHeaders {

    private static final Map<String, String> COMMENTS = Map.ofEntries(
            Map.entry("EXTNAME", "name of this HDU"),
            Map.entry("BUNIT", "physical unit of the pixel values"),
            Map.entry("WCSAXES", "number of WCS axes"),
            Map.entry("CTYPE1", "gnomonic projection, right ascension"),
            Map.entry("CTYPE2", "gnomonic projection, declination"),
            Map.entry("CTYPE3", "posterior sample index (0-based)"),
            Map.entry("CUNIT1", "unit of CRVAL1 and CDELT1"),
            Map.entry("CUNIT2", "unit of CRVAL2 and CDELT2"),
            Map.entry("CRVAL1", "[deg] RA of the tile centre"),
            Map.entry("CRVAL2", "[deg] Dec of the tile centre"),
            Map.entry("CRVAL3", "sample index at CRPIX3"),
            Map.entry("CRPIX1", "tile centre, (NAXIS1+1)/2"),
            Map.entry("CRPIX2", "tile centre, (NAXIS2+1)/2"),
            Map.entry("CRPIX3", "reference pixel of the sample axis"),
            Map.entry("CDELT1", "[deg] pixel size, negative: East left"),
            Map.entry("CDELT2", "[deg] pixel size, North up"),
            Map.entry("CDELT3", "sample index step"),
            Map.entry("LONPOLE", "[deg] native longitude of the celestial pole"),
            Map.entry("RADESYS", "reference frame"),
            Map.entry("EQUINOX", "equinox of the coordinates"),
            Map.entry(Provenance.ORIGIN, "software that wrote this file"),
            Map.entry(Provenance.SOFTWARE_VERSION, "massmap version"),
            Map.entry(Provenance.CONFIG_CHECKSUM, "SHA-256 of the resolved configuration"),
            Map.entry(Provenance.SEED, "run seed"),
            Map.entry(Provenance.MODEL_CHECKSUM, "SHA-256 of the score model"),
            Map.entry(Provenance.DATE, "UTC time the file was written"));

    private FitsHeaders() {
    }

    /** WCS keywords of a 2-D map, from {@link Wcs#keywords(TileGrid)}. */
    static FitsKeywords mapWcs(TileGrid grid) {
        return FitsKeywords.of(Wcs.keywords(grid));
    }

    /** WCS of a sample cube: the map's celestial axes plus a linear sample axis 3 (index from 0). */
    static FitsKeywords cubeWcs(TileGrid grid) {
        Map<String, Object> k = new LinkedHashMap<>(Wcs.keywords(grid));
        k.put("WCSAXES", 3);
        k.put("CTYPE3", "SAMPLE");
        k.put("CRPIX3", 1.0);
        k.put("CRVAL3", 0.0);
        k.put("CDELT3", 1.0);
        return FitsKeywords.of(k);
    }

    /** Name, unit, WCS and provenance, then extra keywords (which may not repeat any keyword already set). */
    static void describe(Header header, String name, String unit, FitsKeywords wcs, Provenance provenance,
            FitsKeywords extra, Path file) throws MassmapIoException {
        FitsKeywords fixed = FitsKeywords.of(Map.of("EXTNAME", name));
        if (unit != null) {
            fixed = fixed.with("BUNIT", unit);
        }
        if (wcs != null) {
            fixed = fixed.withAll(wcs);
        }
        put(header, fixed.withAll(provenance.keywords()), false, file);
        put(header, extra, true, file);
    }

    /** Adds keywords to a header; with {@code refuseExisting}, a keyword already present is an error. */
    static void put(Header header, FitsKeywords keywords, boolean refuseExisting, Path file) throws MassmapIoException {
        for (Map.Entry<String, Object> e : keywords.asMap().entrySet()) {
            String key = e.getKey();
            if (refuseExisting && header.containsKey(key)) {
                throw new IllegalArgumentException("extra keyword " + key + " is set by the writer itself (structure, EXTNAME/BUNIT,"
                        + " WCS or provenance); choose another keyword name");
            }
            String comment = COMMENTS.getOrDefault(key, "");
            try {
                Object v = e.getValue();
                if (v instanceof String s) {
                    // Leave the comment out rather than spill a long value (e.g. a SHA-256) into CONTINUE cards.
                    header.addValue(key, s, 10 + s.length() + 2 + 3 + comment.length() <= 80 ? comment : "");
                } else if (v instanceof Boolean b) {
                    header.addValue(key, b, comment);
                } else {
                    header.addValue(key, (Number) v, comment);
                }
            } catch (HeaderCardException ex) {
                throw new MassmapIoException(file, "cannot write header keyword " + key + " = " + e.getValue(), ex);
            }
        }
    }
}
