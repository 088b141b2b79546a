package org.massmap.catalog;

import org.massmap.grid.SkyPoint;

/**
 * Hot-loop kernel for the binner: in one pass of four trigonometric calls, the gnomonic standard
 * coordinates (ξ, η) of a position about the tile centre, and cos 2φ, sin 2φ of the frame
 * rotation φ of {@link org.massmap.grid.TangentPlane#frameRotation} — the same geometry as
 * {@code TangentPlane.project} and {@code frameRotation} (which {@code TileFrameTest} checks), but
 * without their two atan2 and the four extra sines and cosines.
 *
 * <p>With b_c the bearing of the galaxy from the centre and b_g that of the centre from the galaxy
 * (both from North through East), φ = b_g + π − b_c, so exp(2iφ) = exp(2i·b_g)·exp(−2i·b_c); each
 * exp(2ib) of b = atan2(Y, X) is (X² − Y² + 2iXY)/(X² + Y²). At the centre, b_c's vector is
 * (X, Y) ∝ (η, ξ). Immutable and thread-safe.
 */
final class TileFrame {
    private final double ra0;
    private final double sinRa0;
    private final double cosRa0;
    private final double sinDec0;
    private final double cosDec0;

    TileFrame(SkyPoint centre) {
        this.ra0 = Math.toRadians(centre.raDeg());
        this.sinRa0 = Math.sin(ra0);
        this.cosRa0 = Math.cos(ra0);
        this.sinDec0 = Math.sin(Math.toRadians(centre.decDeg()));
        this.cosDec0 = Math.cos(Math.toRadians(centre.decDeg()));
    }

    /**
     * Writes {ξ, η, cos 2φ, sin 2φ} (ξ, η in radians) into {@code out}; returns false, leaving
     * {@code out} untouched, for positions 90° or more from the centre (no gnomonic image).
     */
    boolean map(double raDeg, double decDeg, double[] out) {
        double dec = Math.toRadians(decDeg);
        double dRa = Math.toRadians(raDeg) - ra0;
        return project(Math.sin(dec), Math.cos(dec), Math.sin(dRa), Math.cos(dRa), out);
    }

    /**
     * As {@link #map(double, double, double[])}, from a position's precomputed sin/cos of RA and Dec
     * (for callers that map one galaxy about many centres): no trigonometric call at all. Agrees
     * with the other form to rounding (the RA difference enters through sin(a − b) = sin a cos b − cos a sin b).
     */
    boolean mapTrig(double sinRa, double cosRa, double sinDec, double cosDec, double[] out) {
        return project(sinDec, cosDec, sinRa * cosRa0 - cosRa * sinRa0, cosRa * cosRa0 + sinRa * sinRa0, out);
    }

    private boolean project(double sinDec, double cosDec, double sinDRa, double cosDRa, double[] out) {
        double cosC = sinDec0 * sinDec + cosDec0 * cosDec * cosDRa;
        if (cosC <= 1e-9) {
            return false;
        }
        double yc = cosDec * sinDRa;                                // bearing at the centre: atan2(yc, xc)
        double xc = cosDec0 * sinDec - sinDec0 * cosDec * cosDRa;
        double yg = -sinDRa * cosDec0;                              // bearing at the galaxy: atan2(yg, xg)
        double xg = cosDec * sinDec0 - sinDec * cosDec0 * cosDRa;
        out[0] = yc / cosC;
        out[1] = xc / cosC;
        double rc = xc * xc + yc * yc;
        double rg = xg * xg + yg * yg;
        if (rc < 1e-30 || rg < 1e-30) {
            out[2] = 1; // at the tangent point: no rotation
            out[3] = 0;
            return true;
        }
        double cg = (xg * xg - yg * yg) / rg;                       // exp(2i b_g)
        double sg = 2 * xg * yg / rg;
        double cc = (xc * xc - yc * yc) / rc;                       // exp(2i b_c)
        double sc = 2 * xc * yc / rc;
        out[2] = cg * cc + sg * sc;                                 // exp(2i b_g) * conj(exp(2i b_c))
        out[3] = sg * cc - cg * sc;
        return true;
    }
}
