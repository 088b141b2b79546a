package org.massmap.catalog;

import java.io.Serializable;
import org.massmap.grid.SkyPoint;

/**
 * Mean direction of galaxy positions, for a default tile centre: the normalised sum of the unit
 * vectors of all positions (unweighted). Unlike a mean of RA and Dec it is right across RA = 0 and
 * near the poles. Mergeable over disjoint chunks and {@link Serializable}. Mutable, not thread-safe.
 */
public final class CentreAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Below this mean resultant length the positions have no meaningful mean direction. */
    static final double MIN_RESULTANT = 0.05;

    private double sx;
    private double sy;
    private double sz;
    private long n;
    private long droppedNonFinite;
    private long droppedZeroWeight;
    /** Why an input could not be read (the first reason seen), for the message when nothing was. */
    private String unreadable;

    /** Accumulates every galaxy {@code reader} hands out (the caller closes the reader). */
    public void accumulateAll(CatalogReader reader) throws CatalogException {
        GalaxyChunk chunk = new GalaxyChunk();
        while (reader.next(chunk)) {
            accumulate(chunk);
        }
    }

    public void accumulate(GalaxyChunk chunk) {
        double[] ra = chunk.ra();
        double[] dec = chunk.dec();
        for (int i = 0, m = chunk.size(); i < m; i++) {
            double a = Math.toRadians(ra[i]);
            double d = Math.toRadians(dec[i]);
            double cd = Math.cos(d);
            sx += cd * Math.cos(a);
            sy += cd * Math.sin(a);
            sz += Math.sin(d);
        }
        n += chunk.size();
    }

    /** Records the rows a reader dropped (NaN/inf values, zero weight), for the message when no position is left. */
    public void dropped(ReadStats stats) {
        droppedNonFinite += stats.droppedNonFinite();
        droppedZeroWeight += stats.droppedZeroWeight();
    }

    /** Records that an input could not be read; its reason is reported if no position was read at all. */
    public void unreadable(String reason) {
        if (unreadable == null) {
            unreadable = reason;
        }
    }

    public void merge(CentreAccumulator other) {
        if (unreadable == null) {
            unreadable = other.unreadable;
        }
        sx += other.sx;
        sy += other.sy;
        sz += other.sz;
        n += other.n;
        droppedNonFinite += other.droppedNonFinite;
        droppedZeroWeight += other.droppedZeroWeight;
    }

    /** Positions accumulated. */
    public long count() {
        return n;
    }

    /**
     * The mean direction.
     *
     * @param source name for error messages (the catalog file)
     * @throws CatalogException if there are no positions, or they spread over so much of the sky
     *                          (mean resultant length below {@value #MIN_RESULTANT}) that a single tile
     *                          centre makes no sense
     */
    public SkyPoint centre(String source) throws CatalogException {
        if (n == 0 && droppedNonFinite + droppedZeroWeight > 0) {
            throw new CatalogException(source, "no usable galaxy: all " + (droppedNonFinite + droppedZeroWeight) + " rows were dropped ("
                    + droppedNonFinite + " for NaN/inf values, " + droppedZeroWeight + " for zero weight); check the weight and"
                    + " ellipticity columns");
        }
        if (n == 0) {
            throw new CatalogException(source, "no galaxy positions to compute a tile centre from"
                    + (unreadable == null ? "" : "; no input could be read, e.g. " + unreadable));
        }
        double r = Math.sqrt(sx * sx + sy * sy + sz * sz);
        if (r < MIN_RESULTANT * n) {
            throw new CatalogException(source, String.format(java.util.Locale.ROOT,
                    "the galaxy positions spread over most of the sky (mean resultant length %.3g), so they have no "
                            + "useful mean direction; give the tile centre explicitly", r / n));
        }
        double dec = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, sz / r))));
        double ra = Math.toDegrees(Math.atan2(sy, sx));
        return new SkyPoint(ra, dec);
    }
}
