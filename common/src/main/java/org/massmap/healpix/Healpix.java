package org.massmap.healpix;

import java.util.Locale;
import org.massmap.grid.SkyPoint;

/**
 * The HEALPix grid of one resolution {@code nside}: 12·nside² pixels of equal area
 * 4π/(12·nside²) sr, on 4·nside − 1 iso-latitude rings (Górski et al. 2005, section 4). Converts
 * (RA, Dec) in degrees to a pixel index and back to the pixel centre, in RING or NESTED order, and
 * between the two orders. NESTED needs nside to be a power of 2; RING accepts any nside. Immutable
 * and thread-safe.
 *
 * <p>Geometry (the paper's eqs. 4-9), with z = cos θ = sin Dec and t = φ/(π/2) = RA/90°: the polar
 * caps |z| &gt; 2/3 hold rings i = 1..nside−1 (counted from each pole) of 4i pixels at
 * 1 − |z| = i²/(3·nside²); the equatorial belt holds rings nside..3·nside of 4·nside pixels at
 * z = (2·nside − i)·2/(3·nside), alternate rings shifted by half a pixel. Within a base pixel, the
 * lines of constant x and y are the curves t ± 3z/4 = const (equator) and t·√(3(1−|z|)) = const
 * (caps).
 *
 * <pre>{@code
 * Healpix hp = Healpix.ofResolution(0.5);                         // nside 8192, 0.43' pixels
 * long p = hp.pixel(HealpixOrdering.NESTED, 150.1, 2.2);
 * SkyPoint c = hp.centre(HealpixOrdering.NESTED, p);
 * }</pre>
 */
public final class Healpix {

    /** Largest nside whose pixel indices fit a Java long with room for the arithmetic (as HEALPix's own limit). */
    public static final long MAX_NSIDE = 1L << 29;

    private static final int[] JRLL = {2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4}; // ring of each base pixel's southern corner, in nside
    private static final int[] JPLL = {1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7}; // longitude of each base pixel's centre, in π/4
    private static final double SQRT6 = Math.sqrt(6.0);

    private final long nside;
    private final long npix;
    private final long ncap;
    private final int order; // log2(nside), or -1 when nside is not a power of 2

    /** The grid of resolution {@code nside} (1 to 2^29). */
    public Healpix(long nside) {
        if (nside < 1 || nside > MAX_NSIDE) {
            throw new IllegalArgumentException("HEALPix nside must lie in [1, 2^29], got " + nside);
        }
        this.nside = nside;
        this.npix = 12 * nside * nside;
        this.ncap = 2 * nside * (nside - 1);
        this.order = Long.bitCount(nside) == 1 ? Long.numberOfTrailingZeros(nside) : -1;
    }

    /**
     * The coarsest power-of-2 grid whose pixels are no larger than {@code pixelArcmin}: the mean
     * pixel side sqrt(π/3)/nside radians is at most the given size.
     */
    public static Healpix ofResolution(double pixelArcmin) {
        if (!(pixelArcmin > 0) || !Double.isFinite(pixelArcmin)) {
            throw new IllegalArgumentException("HEALPix resolution must be a positive number of arcmin, got " + pixelArcmin);
        }
        double wanted = Math.sqrt(Math.PI / 3) / Math.toRadians(pixelArcmin / 60.0);
        long n = 1;
        while (n < wanted && n < MAX_NSIDE) {
            n <<= 1;
        }
        return new Healpix(n);
    }

    public long nside() {
        return nside;
    }

    /** Number of pixels, 12·nside². */
    public long pixelCount() {
        return npix;
    }

    /** Solid angle of one pixel in steradians. */
    public double pixelAreaSr() {
        return 4 * Math.PI / npix;
    }

    /** Side of a square of one pixel's area, in arcmin. */
    public double pixelSideArcmin() {
        return Math.toDegrees(Math.sqrt(pixelAreaSr())) * 60;
    }

    /** Number of iso-latitude rings, 4·nside − 1. */
    public long ringCount() {
        return 4 * nside - 1;
    }

    /** Whether nside is a power of 2 (required by NESTED ordering). */
    public boolean supportsNested() {
        return order >= 0;
    }

    /** The pixel containing (RA, Dec) in degrees. */
    public long pixel(HealpixOrdering ordering, double raDeg, double decDeg) {
        checkDec(decDeg);
        if (!Double.isFinite(raDeg)) {
            throw new IllegalArgumentException("RA must be finite, got " + raDeg);
        }
        double ra = SkyPoint.normaliseRa(raDeg);
        return ordering == HealpixOrdering.RING ? ringPixel(ra, decDeg) : nestedPixel(ra, decDeg);
    }

    /** Centre of {@code pixel} as a sky position. */
    public SkyPoint centre(HealpixOrdering ordering, long pixel) {
        double[] out = new double[2];
        centre(ordering, pixel, out);
        return new SkyPoint(out[0], out[1]);
    }

    /** Centre of {@code pixel}: writes {RA, Dec} in degrees into {@code out} (for loops). */
    public void centre(HealpixOrdering ordering, long pixel, double[] out) {
        checkPixel(pixel);
        if (ordering == HealpixOrdering.RING) {
            ringCentre(pixel, out);
        } else {
            nestedCentre(pixel, out);
        }
    }

    /** The NESTED index of RING pixel {@code ringPixel}. */
    public long ringToNested(long ringPixel) {
        double[] c = new double[2];
        ringCentre(checkPixel(ringPixel), c);
        return nestedPixel(c[0], c[1]);
    }

    /** The RING index of NESTED pixel {@code nestedPixel}. */
    public long nestedToRing(long nestedPixel) {
        double[] c = new double[2];
        nestedCentre(checkPixel(nestedPixel), c);
        return ringPixel(c[0], c[1]);
    }

    /**
     * Ring {@code i} (1 = nearest the North pole, {@link #ringCount()} = nearest the South pole):
     * its RING-ordered pixels are {@code firstPixel .. firstPixel + pixels − 1}, centred at
     * {@code decDeg} and RA = {@code firstRaDeg + k·stepRaDeg}.
     */
    public Ring ring(long i) {
        if (i < 1 || i > ringCount()) {
            throw new IllegalArgumentException("HEALPix ring must lie in [1, " + ringCount() + "] for nside " + nside + ", got " + i);
        }
        if (i < nside) {
            return new Ring(i, 2 * i * (i - 1), 4 * i, capDec(i), 45.0 / i, 90.0 / i);
        }
        if (i <= 3 * nside) {
            double shift = ((i - nside) & 1) == 0 ? 0.5 : 0.0;
            return new Ring(i, ncap + (i - nside) * 4 * nside, 4 * nside, Math.toDegrees(Math.asin((2 * nside - i) * 2.0 / (3 * nside))),
                    shift * 90.0 / nside, 90.0 / nside);
        }
        long j = 4 * nside - i;
        return new Ring(i, npix - 2 * j * (j + 1), 4 * j, -capDec(j), 45.0 / j, 90.0 / j);
    }

    /**
     * The continuous ring coordinate of declination {@code decDeg}: ring i's centres lie at value i,
     * the North pole at 0 and the South pole at 4·nside. Monotonic, so the rings whose centres lie
     * in a Dec interval are those between the (rounded) coordinates of its ends.
     */
    public double ringCoordinate(double decDeg) {
        checkDec(decDeg);
        double z = Math.sin(Math.toRadians(decDeg));
        if (z > 2.0 / 3) {
            return nside * SQRT6 * Math.sin(Math.toRadians(90 - decDeg) / 2); // i = nside·sqrt(3(1−z))
        }
        if (z < -2.0 / 3) {
            return 4 * nside - nside * SQRT6 * Math.sin(Math.toRadians(90 + decDeg) / 2);
        }
        return 2 * nside - 1.5 * nside * z; // z = (2·nside − i)·2/(3·nside)
    }

    /** One iso-latitude ring of the grid (see {@link #ring(long)}). */
    public record Ring(long index, long firstPixel, long pixels, double decDeg, double firstRaDeg, double stepRaDeg) {
    }

    // --- RING scheme ---

    private long ringPixel(double raDeg, double decDeg) {
        double z = Math.sin(Math.toRadians(decDeg));
        double za = Math.abs(z);
        double tt = raDeg / 90.0; // in [0, 4)
        if (za <= 2.0 / 3) {
            double temp1 = nside * (0.5 + tt);
            double temp2 = nside * z * 0.75;
            long jp = (long) (temp1 - temp2); // index of the ascending edge line
            long jm = (long) (temp1 + temp2); // index of the descending edge line
            long ir = nside + 1 + jp - jm; // ring number counted from z = 2/3, in [1, 2·nside+1]
            long kshift = 1 - (ir & 1);
            long ip = Math.floorMod((jp + jm - nside + kshift + 1) / 2, 4 * nside);
            return ncap + (ir - 1) * 4 * nside + ip;
        }
        double tp = tt - Math.floor(tt);
        double tmp = polarDistance(decDeg); // nside·sqrt(3(1−|z|))
        long jp = (long) (tp * tmp);
        long jm = (long) ((1.0 - tp) * tmp);
        long ir = jp + jm + 1; // ring number counted from the nearer pole
        long ip = (long) (tt * ir);
        if (ip >= 4 * ir) {
            ip -= 4 * ir;
        }
        return z > 0 ? 2 * ir * (ir - 1) + ip : npix - 2 * ir * (ir + 1) + ip;
    }

    private void ringCentre(long p, double[] out) {
        if (p < ncap) {
            long iring = (1 + isqrt(1 + 2 * p)) >> 1; // North polar cap
            long iphi = p + 1 - 2 * iring * (iring - 1);
            out[0] = (iphi - 0.5) * 90.0 / iring;
            out[1] = capDec(iring);
        } else if (p < npix - ncap) {
            long ip = p - ncap; // equatorial belt
            long iring = ip / (4 * nside) + nside;
            long iphi = ip % (4 * nside) + 1;
            double fodd = ((iring + nside) & 1) != 0 ? 1.0 : 0.5;
            out[0] = (iphi - fodd) * 90.0 / nside;
            out[1] = Math.toDegrees(Math.asin((2 * nside - iring) * 2.0 / (3 * nside)));
        } else {
            long ip = npix - p; // South polar cap
            long iring = (1 + isqrt(2 * ip - 1)) >> 1;
            long iphi = 4 * iring + 1 - (ip - 2 * iring * (iring - 1));
            out[0] = (iphi - 0.5) * 90.0 / iring;
            out[1] = -capDec(iring);
        }
    }

    // --- NESTED scheme ---

    private long nestedPixel(double raDeg, double decDeg) {
        checkNested();
        double z = Math.sin(Math.toRadians(decDeg));
        double za = Math.abs(z);
        double tt = raDeg / 90.0;
        int face;
        long ix;
        long iy;
        if (za <= 2.0 / 3) {
            double temp1 = nside * (0.5 + tt);
            double temp2 = nside * z * 0.75;
            long jp = (long) (temp1 - temp2);
            long jm = (long) (temp1 + temp2);
            int ifp = (int) (jp >> order); // 0..4
            int ifm = (int) (jm >> order);
            face = ifp == ifm ? (ifp | 4) : (ifp < ifm ? ifp : ifm + 8);
            ix = jm & (nside - 1);
            iy = nside - (jp & (nside - 1)) - 1;
        } else {
            int ntt = Math.min(3, (int) tt);
            double tp = tt - ntt;
            double tmp = polarDistance(decDeg);
            long jp = Math.min(nside - 1, (long) (tp * tmp));
            long jm = Math.min(nside - 1, (long) ((1.0 - tp) * tmp));
            if (z >= 0) {
                face = ntt;
                ix = nside - jm - 1;
                iy = nside - jp - 1;
            } else {
                face = ntt + 8;
                ix = jp;
                iy = jm;
            }
        }
        return ((long) face << (2 * order)) + spread(ix) + (spread(iy) << 1);
    }

    private void nestedCentre(long p, double[] out) {
        checkNested();
        int face = (int) (p >> (2 * order));
        long ipf = p & ((1L << (2 * order)) - 1);
        long ix = compress(ipf);
        long iy = compress(ipf >> 1);
        long jr = JRLL[face] * nside - ix - iy - 1; // ring number counted from the North pole
        long nr;
        long kshift;
        if (jr < nside) {
            nr = jr;
            kshift = 0;
            out[1] = capDec(nr);
        } else if (jr > 3 * nside) {
            nr = 4 * nside - jr;
            kshift = 0;
            out[1] = -capDec(nr);
        } else {
            nr = nside;
            kshift = (jr - nside) & 1;
            out[1] = Math.toDegrees(Math.asin((2 * nside - jr) * 2.0 / (3 * nside)));
        }
        long jp = (JPLL[face] * nr + ix - iy + 1 + kshift) / 2;
        if (jp > 4 * nside) {
            jp -= 4 * nside;
        }
        if (jp < 1) {
            jp += 4 * nside;
        }
        out[0] = SkyPoint.normaliseRa((jp - (kshift + 1) * 0.5) * 90.0 / nr);
    }

    // --- helpers ---

    /** Dec of polar-cap ring i (from the North pole): 1 − z = i²/(3·nside²), i.e. sin(θ/2) = i/(nside·√6). */
    private double capDec(long i) {
        return 90.0 - Math.toDegrees(2 * Math.asin(i / (nside * SQRT6)));
    }

    /** nside·sqrt(3(1−|z|)) computed from the distance to the nearer pole (exact near the poles). */
    private double polarDistance(double decDeg) {
        return nside * SQRT6 * Math.sin(Math.toRadians(90 - Math.abs(decDeg)) / 2);
    }

    private static long isqrt(long x) {
        long r = (long) Math.sqrt((double) x);
        while (r * r > x) {
            r--;
        }
        while ((r + 1) * (r + 1) <= x) {
            r++;
        }
        return r;
    }

    /** Moves bit k of v (v &lt; 2^29) to bit 2k. */
    private static long spread(long v) {
        long x = v & 0xFFFFFFFFL;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        return x;
    }

    /** Inverse of {@link #spread}: gathers the even bits of v. */
    private static long compress(long v) {
        long x = v & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        return x;
    }

    private void checkNested() {
        if (order < 0) {
            throw new IllegalArgumentException("NESTED ordering needs nside to be a power of 2, got " + nside + "; use RING or another nside");
        }
    }

    private long checkPixel(long p) {
        if (p < 0 || p >= npix) {
            throw new IllegalArgumentException("HEALPix pixel must lie in [0, " + npix + ") for nside " + nside + ", got " + p);
        }
        return p;
    }

    private static void checkDec(double decDeg) {
        if (!(decDeg >= -90 && decDeg <= 90)) {
            throw new IllegalArgumentException("Dec must lie in [-90, 90] degrees, got " + decDeg);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Healpix h && h.nside == nside;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(nside);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HEALPix nside %d (%.4g arcmin pixels)", nside, pixelSideArcmin());
    }
}
