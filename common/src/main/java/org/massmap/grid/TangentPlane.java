package org.massmap.grid;

/**
 * Gnomonic (TAN) projection about a tangent point. Standard coordinates (xi, eta) are in radians,
 * xi towards East (+RA) and eta towards North (+Dec) at the tangent point. Immutable and thread-safe.
 *
 * <p>Also gives the angle by which a galaxy's local (East, North) frame must be rotated to be
 * expressed in the tangent point's frame, by parallel transport along the great circle joining
 * them (spin-2 quantities rotate by twice that angle).
 */
public final class TangentPlane {
    private final SkyPoint centre;
    private final double ra0;
    private final double sinDec0;
    private final double cosDec0;

    public TangentPlane(SkyPoint centre) {
        this.centre = centre;
        this.ra0 = Math.toRadians(centre.raDeg());
        double dec0 = Math.toRadians(centre.decDeg());
        this.sinDec0 = Math.sin(dec0);
        this.cosDec0 = Math.cos(dec0);
    }

    public SkyPoint centre() {
        return centre;
    }

    /**
     * Projects (ra, dec) in degrees to standard coordinates, writing {xi, eta} in radians into
     * {@code out}. Returns false (leaving {@code out} untouched) for points 90 degrees or more from
     * the tangent point, which have no gnomonic image.
     */
    public boolean project(double raDeg, double decDeg, double[] out) {
        double dec = Math.toRadians(decDeg);
        double dRa = Math.toRadians(raDeg) - ra0;
        double sinDec = Math.sin(dec);
        double cosDec = Math.cos(dec);
        double cosDRa = Math.cos(dRa);
        double cosC = sinDec0 * sinDec + cosDec0 * cosDec * cosDRa; // cosine of the distance to the tangent point
        if (cosC <= 1e-9) {
            return false;
        }
        out[0] = cosDec * Math.sin(dRa) / cosC;
        out[1] = (cosDec0 * sinDec - sinDec0 * cosDec * cosDRa) / cosC;
        return true;
    }

    /** Inverse projection: standard coordinates (radians) to a sky position. */
    public SkyPoint deproject(double xi, double eta) {
        double rho = Math.hypot(xi, eta);
        if (rho == 0) {
            return centre;
        }
        double c = Math.atan(rho);
        double sinC = Math.sin(c);
        double cosC = Math.cos(c);
        double dec = Math.asin(cosC * sinDec0 + eta * sinC * cosDec0 / rho);
        double ra = ra0 + Math.atan2(xi * sinC, rho * cosDec0 * cosC - eta * sinDec0 * sinC);
        return new SkyPoint(Math.toDegrees(ra), Math.toDegrees(dec));
    }

    /**
     * Rotation angle (radians) from a galaxy's local frame (East, North at the galaxy) to the
     * tangent-point frame (East, North at the tangent point), counter-clockwise from East towards
     * North: a direction at position angle theta (from East towards North) in the galaxy frame has
     * angle theta + rotation in the tangent-point frame. Zero at the tangent point itself and along
     * its meridian.
     */
    public double frameRotation(double raDeg, double decDeg) {
        double dec = Math.toRadians(decDeg);
        double dRa = Math.toRadians(raDeg) - ra0;
        double sinDec = Math.sin(dec);
        double cosDec = Math.cos(dec);
        double sinDRa = Math.sin(dRa);
        double cosDRa = Math.cos(dRa);
        // Bearing (from North through East) of the galaxy seen from the centre, and of the centre seen from the galaxy.
        double bearingAtCentre = Math.atan2(sinDRa * cosDec, cosDec0 * sinDec - sinDec0 * cosDec * cosDRa);
        double bearingAtGalaxy = Math.atan2(-sinDRa * cosDec0, cosDec * sinDec0 - sinDec * cosDec0 * cosDRa);
        if (Math.abs(sinDRa * cosDec) < 1e-15 && Math.abs(cosDec0 * sinDec - sinDec0 * cosDec * cosDRa) < 1e-15) {
            return 0.0; // galaxy at the tangent point
        }
        // Transported along the geodesic, the outward direction (bearing b_c at the centre) arrives with
        // bearing b_g + pi at the galaxy. Bearings run clockwise from North; angles from East run the other way.
        double bearingShift = bearingAtGalaxy + Math.PI - bearingAtCentre;
        return wrap(bearingShift);
    }

    private static double wrap(double angle) {
        double a = Math.IEEEremainder(angle, 2 * Math.PI);
        return a == -Math.PI ? Math.PI : a;
    }
}
