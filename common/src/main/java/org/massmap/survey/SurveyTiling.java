package org.massmap.survey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.massmap.grid.SkyPoint;

/**
 * Covers the whole sphere with overlapping square tiles of one {@link TilingSpec}, correct across
 * RA = 0 and up to the poles (the ring scheme). Immutable, thread-safe and serializable.
 *
 * <p><b>Scheme.</b> The sky is cut into <em>home cells</em> that partition it: a polar cap of radius
 * r around each pole, and between them Dec bands ("rings") of equal height h, each split into N
 * equal RA segments. Each home cell gets one tile, centred on the cell's central meridian at the
 * declination that balances the cell's extent on the tangent plane. Sizes are chosen so that every
 * tile contains its home cell widened by half the overlap on every side (in great-circle distance):
 * hence every position lies in a tile, and two cells that touch share a strip at least the overlap
 * wide. With a = atan(half side) the angle to an edge midpoint and m = overlap/2:
 * <ul>
 *   <li>cap: r = a − m (the disc of radius a is inscribed in the square);</li>
 *   <li>rings: h ≤ 0.9·(2a − 2m), rings per hemisphere K = ⌈(90° − r)/h_max⌉, equal heights;</li>
 *   <li>segments: the smallest N ≥ 3 for which the cell widened by m in Dec and by
 *   asin(sin m / cos δ_pole) in RA (δ_pole: the cell's Dec nearest the pole) projects inside the
 *   square. The check evaluates the widened cell's boundary on the tangent plane: its meridian
 *   edges are straight lines there and the standard coordinates are monotonic along its parallel
 *   edges, so the corners and edge midpoints bound it (intermediate points are checked as well).</li>
 * </ul>
 * N therefore follows cos(Dec) of the cell edge nearest the equator, with extra segments where the
 * parallels curve strongly near the poles.
 *
 * <p><b>Identifiers.</b> Rings are numbered from the North cap (ring 0) to the South cap
 * (ring 2K+1), segments eastwards from RA = 0; tile ids are {@code t<ring>_<segment>}, e.g.
 * {@code t012_0034} (zero-padded to 3 and 4 digits, wider when needed). They depend only on the
 * {@link TilingSpec}, so they are stable across runs with the same tiling settings.
 *
 * <pre>{@code
 * SurveyTiling tiling = SurveyTiling.of(new TilingSpec(128, 0.5, 8.0));
 * for (Tile t : tiling.tilesContaining(150.1, 2.2)) { ... bin the galaxy onto t.grid() ... }
 * List<Tile> patch = tiling.tilesInBox(145, 155, -3, 7);   // RA 145..155, Dec -3..7
 * }</pre>
 */
public final class SurveyTiling implements Tiling {
    private static final long serialVersionUID = 1L;

    /** Fraction of the largest band height (2a − 2m) used, leaving room for the parallels' curvature. */
    private static final double RING_FILL = 0.9;
    /** Tolerance on the square's half side when fitting cells, relative. */
    private static final double FIT_TOLERANCE = 1e-9;
    private static final int EDGE_SAMPLES = 16;
    private static final Pattern ID = Pattern.compile("t(\\d+)_(\\d+)");

    private final TilingSpec spec;
    private final int bands; // K, rings per hemisphere between the cap and the equator
    private final double[] coreLo; // per ring, radians: home cells span Dec [coreLo, coreHi)
    private final double[] coreHi;
    private final double[] centreDec; // per ring, radians; decreasing from +π/2 to −π/2
    private final int[] segments; // tiles per ring
    private final double radius; // tile centre-to-corner angle, radians
    private final double[] sinCentre; // per ring, sin and cos of the tile centres' Dec as TangentPlane computes them
    private final double[] cosCentre;

    private SurveyTiling(TilingSpec spec, int bands, double[] coreLo, double[] coreHi, double[] centreDec, int[] segments) {
        this.spec = spec;
        this.bands = bands;
        this.coreLo = coreLo;
        this.coreHi = coreHi;
        this.centreDec = centreDec;
        this.segments = segments;
        this.radius = Math.atan(spec.halfSideTangent() * Math.sqrt(2));
        this.sinCentre = new double[segments.length];
        this.cosCentre = new double[segments.length];
        for (int g = 0; g < segments.length; g++) {
            double dec0 = Math.toRadians(Math.toDegrees(centreDec[g]));
            sinCentre[g] = Math.sin(dec0);
            cosCentre[g] = Math.cos(dec0);
        }
    }

    /** The ring tiling of the whole sphere for {@code spec}. */
    public static SurveyTiling of(TilingSpec spec) {
        double t = spec.halfSideTangent();
        double a = Math.atan(t);
        double m = Math.toRadians(spec.overlapArcmin() / 60) / 2;
        if (!(2 * m < 0.95 * a)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "survey.overlap-arcmin = %s is too close to half the tile side for the ring scheme; use at most %.4g arcmin",
                    spec.overlapArcmin(), Math.toDegrees(0.95 * a) * 60));
        }
        double cap = a - m;
        double height = Math.PI / 2 - cap;
        int k = (int) Math.ceil(height / (RING_FILL * (2 * a - 2 * m)));
        double h = height / k;
        int rings = 2 * k + 2;
        double[] lo = new double[rings];
        double[] hi = new double[rings];
        double[] dc = new double[rings];
        int[] n = new int[rings];
        lo[0] = Math.PI / 2 - cap;
        hi[0] = Math.PI / 2;
        dc[0] = Math.PI / 2;
        n[0] = 1;
        for (int b = 1; b <= k; b++) {
            double bandHi = Math.PI / 2 - cap - (b - 1) * h;
            double bandLo = b == k ? 0.0 : bandHi - h;
            double[] fit = fitBand(bandLo, bandHi, m, t);
            lo[b] = bandLo;
            hi[b] = bandHi;
            dc[b] = fit[0];
            n[b] = (int) fit[1];
            int s = 2 * k + 1 - b; // mirror ring in the South
            lo[s] = -bandHi;
            hi[s] = -bandLo;
            dc[s] = -fit[0];
            n[s] = n[b];
        }
        lo[rings - 1] = -Math.PI / 2;
        hi[rings - 1] = -(Math.PI / 2 - cap);
        dc[rings - 1] = -Math.PI / 2;
        n[rings - 1] = 1;
        return new SurveyTiling(spec, k, lo, hi, dc, n);
    }

    /**
     * For the northern band [lo, hi) (radians), the smallest segment count whose widened cells fit a
     * tile, and the balanced centre declination: {centreDec, count}.
     */
    private static double[] fitBand(double lo, double hi, double m, double t) {
        double raMargin = Math.asin(Math.sin(m) / Math.cos(hi)); // keeps the cell's meridian edges m away at every Dec
        int n = Math.max(3, (int) Math.ceil(2 * Math.PI * Math.cos(lo) / (2 * Math.atan(t) - 2 * m)));
        for (; n < 1_000_000; n++) {
            double halfWidth = Math.PI / n + raMargin;
            if (halfWidth >= Math.PI / 2) {
                continue;
            }
            double dc = balancedCentre(lo - m, hi + m, halfWidth);
            if (!Double.isNaN(dc) && fits(lo - m, hi + m, halfWidth, dc, t * (1 - FIT_TOLERANCE))) {
                return new double[] {dc, n};
            }
        }
        throw new IllegalStateException("no segment count fits the band [" + Math.toDegrees(lo) + ", " + Math.toDegrees(hi) + "] deg");
    }

    /** Boundary points (dec, dRA) of the box [decLo, decHi] × [−halfWidth, halfWidth], the dRA ≥ 0 half (symmetric). */
    private static double[][] boundary(double decLo, double decHi, double halfWidth) {
        double[][] p = new double[3 * (EDGE_SAMPLES + 1)][];
        int at = 0;
        for (int s = 0; s <= EDGE_SAMPLES; s++) {
            double f = (double) s / EDGE_SAMPLES;
            p[at++] = new double[] {decLo, f * halfWidth};
            p[at++] = new double[] {decHi, f * halfWidth};
            p[at++] = new double[] {decLo + f * (decHi - decLo), halfWidth};
        }
        return p;
    }

    /** Tangent-plane {xi, eta} of (dec, dRA) about (0, dc), or null beyond 90 degrees. */
    private static double[] project(double dc, double dec, double dRa) {
        double cosC = Math.sin(dc) * Math.sin(dec) + Math.cos(dc) * Math.cos(dec) * Math.cos(dRa);
        if (cosC <= 1e-9) {
            return null;
        }
        return new double[] {Math.cos(dec) * Math.sin(dRa) / cosC,
                (Math.cos(dc) * Math.sin(dec) - Math.sin(dc) * Math.cos(dec) * Math.cos(dRa)) / cosC};
    }

    /** The centre Dec in [decLo, decHi] that makes the box's eta extent symmetric, or NaN. */
    private static double balancedCentre(double decLo, double decHi, double halfWidth) {
        double[][] points = boundary(decLo, decHi, halfWidth);
        double a = decLo;
        double b = decHi;
        for (int iter = 0; iter < 100; iter++) {
            double mid = 0.5 * (a + b);
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (double[] p : points) {
                double[] q = project(mid, p[0], p[1]);
                if (q == null) {
                    return Double.NaN;
                }
                max = Math.max(max, q[1]);
                min = Math.min(min, q[1]);
            }
            if (max + min > 0) { // box sits high: move the centre North
                a = mid;
            } else {
                b = mid;
            }
        }
        return 0.5 * (a + b);
    }

    private static boolean fits(double decLo, double decHi, double halfWidth, double dc, double half) {
        for (double[] p : boundary(decLo, decHi, halfWidth)) {
            double[] q = project(dc, p[0], p[1]);
            if (q == null || Math.abs(q[0]) > half || Math.abs(q[1]) > half) {
                return false;
            }
        }
        return true;
    }

    public TilingSpec spec() {
        return spec;
    }

    /** Number of rings including the two polar caps, 2K + 2. */
    public int ringCount() {
        return segments.length;
    }

    /** Number of tiles in ring {@code ring} (1 for the caps). */
    public int tilesInRing(int ring) {
        checkRing(ring);
        return segments[ring];
    }

    /** Home cells of ring {@code ring} span Dec [lo, hi) in degrees (the North cap includes +90). */
    public double[] ringDecRange(int ring) {
        checkRing(ring);
        return new double[] {Math.toDegrees(coreLo[ring]), Math.toDegrees(coreHi[ring])};
    }

    /** Total number of tiles on the sphere. */
    public long tileCount() {
        long total = 0;
        for (int s : segments) {
            total += s;
        }
        return total;
    }

    /** Tile {@code index} (0-based, eastwards from RA = 0) of ring {@code ring}. */
    public Tile tile(int ring, int index) {
        checkRing(ring);
        if (index < 0 || index >= segments[ring]) {
            throw new IllegalArgumentException("ring " + ring + " has tiles 0.." + (segments[ring] - 1) + ", got " + index);
        }
        return new Tile(id(ring, index), centreRa(ring, index), Math.toDegrees(centreDec[ring]), spec.tilePixels(), spec.pixelArcmin());
    }

    @Override
    public Optional<Tile> tile(String id) {
        Matcher mt = ID.matcher(id);
        if (!mt.matches() || mt.group(1).length() > 9 || mt.group(2).length() > 9) {
            return Optional.empty();
        }
        int ring = Integer.parseInt(mt.group(1));
        int index = Integer.parseInt(mt.group(2));
        if (ring >= segments.length || index >= segments[ring] || !id(ring, index).equals(id)) {
            return Optional.empty();
        }
        return Optional.of(tile(ring, index));
    }

    @Override
    public List<Tile> tilesContaining(double raDeg, double decDeg) {
        checkPosition(raDeg, decDeg);
        double ra = SkyPoint.normaliseRa(raDeg);
        double dec = Math.toRadians(decDeg);
        List<Tile> out = new ArrayList<>(4);
        double sinDec = Math.sin(dec);
        double cosDec = Math.cos(dec);
        int first = firstRingBelow(dec + radius);
        for (int g = first; g < segments.length && centreDec[g] >= dec - radius; g++) {
            int n = segments[g];
            if (n == 1) {
                addIfContains(out, g, 0, ra, sinDec, cosDec);
                continue;
            }
            // Tile centres within the corner radius of the point: cos(sep) >= cos(radius).
            double q = (Math.cos(radius) - sinDec * Math.sin(centreDec[g])) / (cosDec * Math.cos(centreDec[g]));
            if (q > 1) {
                continue;
            }
            double reach = q <= -1 || Double.isNaN(q) ? 180 : Math.toDegrees(Math.acos(q)); // NaN: at a pole
            double step = 360.0 / n;
            long jLo = (long) Math.ceil((ra - reach) / step - 0.5);
            long jHi = (long) Math.floor((ra + reach) / step - 0.5);
            if (jHi - jLo + 1 >= n) {
                jLo = 0;
                jHi = n - 1;
            }
            for (long j = jLo; j <= jHi; j++) {
                addIfContains(out, g, (int) Math.floorMod(j, (long) n), ra, sinDec, cosDec);
            }
        }
        return out;
    }

    @Override
    public Optional<Tile> homeTile(double raDeg, double decDeg) {
        checkPosition(raDeg, decDeg);
        int g = homeRing(Math.toRadians(decDeg));
        int n = segments[g];
        int j = (int) Math.min(n - 1, Math.floor(SkyPoint.normaliseRa(raDeg) / (360.0 / n)));
        return Optional.of(tile(g, j));
    }

    /**
     * The tiles whose home cells meet the RA/Dec box, which together cover it: RA runs eastwards
     * from {@code raMinDeg} to {@code raMaxDeg} (raMin &gt; raMax after normalisation crosses
     * RA = 0; a span of 360° or more is the full circle), Dec from {@code decMinDeg} to
     * {@code decMaxDeg}. Ordered by ring, then segment.
     */
    public List<Tile> tilesInBox(double raMinDeg, double raMaxDeg, double decMinDeg, double decMaxDeg) {
        if (!(decMinDeg >= -90 && decMaxDeg <= 90 && decMinDeg <= decMaxDeg) || !Double.isFinite(raMinDeg) || !Double.isFinite(raMaxDeg)) {
            throw new IllegalArgumentException("a box needs finite RA and -90 <= decMin <= decMax <= 90, got RA [" + raMinDeg + ", "
                    + raMaxDeg + "], Dec [" + decMinDeg + ", " + decMaxDeg + "]");
        }
        boolean full = raMaxDeg - raMinDeg >= 360;
        double raLo = SkyPoint.normaliseRa(raMinDeg);
        double raHi = SkyPoint.normaliseRa(raMaxDeg);
        double dLo = Math.toRadians(decMinDeg);
        double dHi = Math.toRadians(decMaxDeg);
        List<Tile> out = new ArrayList<>();
        for (int g = 0; g < segments.length; g++) {
            boolean meets = g == 0 ? dHi >= coreLo[g] : dHi >= coreLo[g] && dLo < coreHi[g];
            if (!meets) {
                continue;
            }
            int n = segments[g];
            double step = 360.0 / n;
            for (int j = 0; j < n; j++) {
                if (full || n == 1 || segmentMeets(j * step, (j + 1) * step, raLo, raHi)) {
                    out.add(tile(g, j));
                }
            }
        }
        return out;
    }

    /** Whether [a, b) meets the RA interval from lo eastwards to hi (crossing 0 when lo &gt; hi). */
    private static boolean segmentMeets(double a, double b, double lo, double hi) {
        if (lo <= hi) {
            return a <= hi && b > lo;
        }
        return b > lo || a <= hi;
    }

    /**
     * Adds tile (ring, index) if it contains the position, by the same arithmetic as
     * {@link Tile#contains} (TangentPlane.project, then nearest pixel), without building the tile first.
     */
    private void addIfContains(List<Tile> out, int ring, int index, double raDeg, double sinDec, double cosDec) {
        double dRa = Math.toRadians(raDeg) - Math.toRadians(centreRa(ring, index));
        double cosDRa = Math.cos(dRa);
        double cosC = sinCentre[ring] * sinDec + cosCentre[ring] * cosDec * cosDRa;
        if (cosC <= 1e-9) {
            return;
        }
        double xi = cosDec * Math.sin(dRa) / cosC;
        double eta = (cosCentre[ring] * sinDec - sinCentre[ring] * cosDec * cosDRa) / cosC;
        double pixelRad = spec.pixelArcmin() * org.massmap.grid.TileGrid.ARCMIN;
        double centre = (spec.tilePixels() - 1) / 2.0;
        long ix = Math.round(centre - xi / pixelRad);
        long iy = Math.round(centre + eta / pixelRad);
        if (ix >= 0 && iy >= 0 && ix < spec.tilePixels() && iy < spec.tilePixels()) {
            out.add(tile(ring, index));
        }
    }

    /** The first ring (smallest index) whose centre lies at or below {@code dec} radians. */
    private int firstRingBelow(double dec) {
        int a = 0;
        int b = segments.length;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (centreDec[mid] > dec) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    /** The ring whose home cells hold Dec {@code dec} radians: the first with coreLo ≤ dec. */
    private int homeRing(double dec) {
        int a = 0;
        int b = segments.length - 1;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (coreLo[mid] > dec) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a;
    }

    private double centreRa(int ring, int index) {
        return segments[ring] == 1 ? 0.0 : (index + 0.5) * 360.0 / segments[ring];
    }

    private static String id(int ring, int index) {
        StringBuilder b = new StringBuilder(10).append('t');
        pad(b, ring, 3);
        return pad(b.append('_'), index, 4).toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int k = digits.length(); k < width; k++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private void checkRing(int ring) {
        if (ring < 0 || ring >= segments.length) {
            throw new IllegalArgumentException("rings are numbered 0.." + (segments.length - 1) + ", got " + ring);
        }
    }

    private static void checkPosition(double raDeg, double decDeg) {
        if (!Double.isFinite(raDeg) || !(decDeg >= -90 && decDeg <= 90)) {
            throw new IllegalArgumentException("position needs a finite RA and Dec in [-90, 90], got (" + raDeg + ", " + decDeg + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurveyTiling s && s.spec.equals(spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ring tiling of %s: %d rings (%d per hemisphere + 2 caps), %d tiles", spec, segments.length, bands,
                tileCount());
    }
}
