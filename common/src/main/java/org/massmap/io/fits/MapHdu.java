package org.massmap.io.fits;

import java.util.Objects;
import org.massmap.io.SkyMap;

/**
 * One 2-D image HDU: a {@link SkyMap} and header keywords. When writing, {@code keywords} are
 * extra keywords for this HDU (e.g. {@code NSAMPLE}); when reading, the complete header (to write
 * a map read back again, pass {@code keywords().select(...)} of the extras to keep).
 */
public record MapHdu(SkyMap map, FitsKeywords keywords) {

    public MapHdu {
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(keywords, "keywords");
    }

    /** A map with no extra keywords. */
    public static MapHdu of(SkyMap map) {
        return new MapHdu(map, FitsKeywords.empty());
    }
}
