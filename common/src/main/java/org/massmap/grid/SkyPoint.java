package org.massmap.grid;

/**
 * A position on the celestial sphere, ICRS right ascension and declination in degrees.
 * RA is normalised to [0, 360); Dec must lie in [-90, 90].
 */
public record SkyPoint(double raDeg, double decDeg) implements java.io.Serializable {

    public SkyPoint {
        if (!Double.isFinite(raDeg) || !Double.isFinite(decDeg)) {
            throw new IllegalArgumentException("sky position must be finite, got RA=" + raDeg + ", Dec=" + decDeg);
        }
        if (decDeg < -90 || decDeg > 90) {
            throw new IllegalArgumentException("Dec must lie in [-90, 90] degrees, got " + decDeg);
        }
        raDeg = normaliseRa(raDeg);
    }

    /** Parses "RA,DEC" in degrees, e.g. "150.1,2.2". */
    public static SkyPoint parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected RA,DEC in degrees (e.g. 150.1,2.2), got '" + text + "'");
        }
        try {
            return new SkyPoint(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected RA,DEC in degrees (e.g. 150.1,2.2), got '" + text + "'", e);
        }
    }

    /** Right ascension wrapped into [0, 360) degrees. */
    public static double normaliseRa(double raDeg) {
        double r = raDeg % 360.0;
        if (r < 0) {
            r += 360.0;
        }
        return r == 360.0 ? 0.0 : r;
    }

    /** Great-circle separation to another point, in radians (haversine form, accurate at small angles). */
    public double separationRad(SkyPoint other) {
        double d1 = Math.toRadians(decDeg);
        double d2 = Math.toRadians(other.decDeg);
        double dRa = Math.toRadians(other.raDeg - raDeg);
        double sinHalfDec = Math.sin((d2 - d1) / 2);
        double sinHalfRa = Math.sin(dRa / 2);
        double h = sinHalfDec * sinHalfDec + Math.cos(d1) * Math.cos(d2) * sinHalfRa * sinHalfRa;
        return 2 * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.6f,%.6f", raDeg, decDeg);
    }
}
