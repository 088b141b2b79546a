package org.massmap.catalog;

import java.util.ArrayList;
import java.util.List;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Stacked tangential and cross shear of galaxies around given sky positions (lens centres), in
 * annuli of projected radius: the standard weak-lensing test of an ellipticity convention (positive
 * tangential shear around mass, cross shear consistent with zero).
 *
 * <p>Each galaxy–centre pair uses the geometry of {@link ShearBinner}, with the centre as the tangent
 * point: gnomonic standard coordinates (ξ East, η North, radians; radius r = √(ξ² + η²)) and the
 * galaxy's sky-convention ellipticity rotated into the centre's frame, e' = e·exp(2iφ). With θ the
 * position angle of the galaxy from East towards North,
 * <pre>
 *   γ_t = −Re(e'·exp(−2iθ)),   γ_× = −Im(e'·exp(−2iθ))
 * </pre>
 * so a mass concentration gives γ_t &gt; 0 (galaxies elongated perpendicular to the line to the
 * centre), and turning every ellipticity by 45° (e → i·e) moves γ_t into γ_×. γ_t does not depend on
 * the handedness of the frame; γ_× changes sign in a frame with x towards West (the binner's grid),
 * so it is quoted in this (East, North) frame. Galaxies at r = 0 are skipped.
 *
 * <p>Per annulus: weighted means Σw·γ / Σw; the shape-noise error √(Σw²(γ_t² + γ_×²)/2) / Σw,
 * which treats pairs as independent; and the jackknife error over centres (leave one centre out),
 * which also counts galaxies shared by overlapping annuli and the scatter between centres.
 * Immutable and thread-safe; each thread fills its own {@link Sums}.
 */
public final class TangentialShearStack {
    private final List<SkyPoint> centres;
    private final TileFrame[] frames;
    private final double[] edgesRad;
    private final double[] edgesArcmin;
    private final double[] maxDRaDeg;
    private final double maxDeg;

    /**
     * @param centres      lens positions (at least one)
     * @param edgesArcmin  annulus edges, arcmin: at least two, strictly increasing, first ≥ 0, last
     *                     below 600 (10°, where the flat annuli stop making sense)
     */
    public TangentialShearStack(List<SkyPoint> centres, double[] edgesArcmin) {
        if (centres.isEmpty()) {
            throw new IllegalArgumentException("need at least one centre to stack the shear around");
        }
        if (edgesArcmin.length < 2 || !(edgesArcmin[0] >= 0) || !(edgesArcmin[edgesArcmin.length - 1] < 600)) {
            throw new IllegalArgumentException("annulus edges must be at least two radii in [0, 600) arcmin, got "
                    + java.util.Arrays.toString(edgesArcmin));
        }
        for (int b = 1; b < edgesArcmin.length; b++) {
            if (!(edgesArcmin[b] > edgesArcmin[b - 1])) {
                throw new IllegalArgumentException("annulus edges must increase strictly, got "
                        + java.util.Arrays.toString(edgesArcmin));
            }
        }
        this.centres = List.copyOf(centres);
        this.frames = new TileFrame[centres.size()];
        this.maxDRaDeg = new double[centres.size()];
        double rho = Math.toRadians(edgesArcmin[edgesArcmin.length - 1] / 60.0);
        for (int k = 0; k < frames.length; k++) {
            frames[k] = new TileFrame(centres.get(k));
            double dec = Math.toRadians(Math.abs(centres.get(k).decDeg()));
            // every point within rho of the centre has |dRA| <= asin(sin rho / cos dec) unless the cap holds a pole
            maxDRaDeg[k] = dec + rho >= Math.PI / 2 ? 181
                    : Math.toDegrees(Math.asin(Math.min(1, Math.sin(rho) / Math.cos(dec)))) * 1.0001 + 1e-9;
        }
        this.edgesArcmin = edgesArcmin.clone();
        this.edgesRad = new double[edgesArcmin.length];
        for (int b = 0; b < edgesArcmin.length; b++) {
            edgesRad[b] = Math.tan(edgesArcmin[b] * TileGrid.ARCMIN); // gnomonic radius of that angle
        }
        this.maxDeg = edgesArcmin[edgesArcmin.length - 1] / 60.0;
    }

    public List<SkyPoint> centres() {
        return centres;
    }

    public int bins() {
        return edgesArcmin.length - 1;
    }

    /** Empty running sums for this stack. */
    public Sums newSums() {
        return new Sums(centres.size(), bins());
    }

    /** Adds every galaxy–centre pair of {@code chunk} that falls in an annulus. */
    public void accumulate(GalaxyChunk chunk, Sums sums) {
        if (sums.centres != centres.size() || sums.bins != bins()) {
            throw new IllegalArgumentException("sums were made for another stack");
        }
        int n = chunk.size();
        double[] ra = chunk.ra();
        double[] dec = chunk.dec();
        double[] e1 = chunk.e1();
        double[] e2 = chunk.e2();
        double[] w = chunk.w();
        double[] sinRa = new double[n];
        double[] cosRa = new double[n];
        double[] sinDec = new double[n];
        double[] cosDec = new double[n];
        for (int i = 0; i < n; i++) {
            sinRa[i] = Math.sin(Math.toRadians(ra[i]));
            cosRa[i] = Math.cos(Math.toRadians(ra[i]));
            sinDec[i] = Math.sin(Math.toRadians(dec[i]));
            cosDec[i] = Math.cos(Math.toRadians(dec[i]));
        }
        double[] m = new double[4]; // xi, eta, cos 2phi, sin 2phi
        double rMin = edgesRad[0];
        double rMax = edgesRad[edgesRad.length - 1];
        double dDecMax = maxDeg * 1.0001 + 1e-9;
        for (int k = 0; k < frames.length; k++) {
            SkyPoint c = centres.get(k);
            double dRaMax = maxDRaDeg[k];
            for (int i = 0; i < n; i++) {
                // a box around the outer circle before the projection; the annulus test below is exact
                if (Math.abs(dec[i] - c.decDeg()) > dDecMax) {
                    continue;
                }
                double dRa = ra[i] - c.raDeg();
                dRa -= 360 * Math.rint(dRa / 360);                // into [-180, 180]
                if (Math.abs(dRa) > dRaMax) {
                    continue;
                }
                if (!frames[k].mapTrig(sinRa[i], cosRa[i], sinDec[i], cosDec[i], m)) {
                    continue;
                }
                double xi = m[0];
                double eta = m[1];
                double r2 = xi * xi + eta * eta;
                double r = Math.sqrt(r2);
                if (r >= rMax || r < rMin || r2 == 0) {
                    continue;
                }
                int b = bin(r);
                double t1 = e1[i] * m[2] - e2[i] * m[3];          // e' = e exp(2i phi)
                double t2 = e1[i] * m[3] + e2[i] * m[2];
                double cos2t = (xi * xi - eta * eta) / r2;        // exp(2i theta), theta from East towards North
                double sin2t = 2 * xi * eta / r2;
                double gt = -(t1 * cos2t + t2 * sin2t);           // -Re(e' exp(-2i theta))
                double gx = -(t2 * cos2t - t1 * sin2t);           // -Im(e' exp(-2i theta))
                sums.add(k * sums.bins + b, w[i], gt, gx, Math.atan(r) / TileGrid.ARCMIN);
            }
        }
    }

    private int bin(double r) {
        int b = 0;
        while (r >= edgesRad[b + 1]) {
            b++;
        }
        return b;
    }

    /** Streams every chunk of {@code reader} (not closed) and returns the profile. */
    public ShearProfile measure(CatalogReader reader) throws CatalogException {
        Sums sums = newSums();
        GalaxyChunk chunk = new GalaxyChunk();
        while (reader.next(chunk)) {
            accumulate(chunk, sums);
        }
        return profile(sums);
    }

    /** The profile of the galaxies summed so far. */
    public ShearProfile profile(Sums sums) {
        int nb = bins();
        int nc = centres.size();
        boolean[] used = new boolean[nc];
        int nUsed = 0;
        for (int k = 0; k < nc; k++) {
            for (int b = 0; b < nb; b++) {
                used[k] |= sums.pairs[k * nb + b] > 0;
            }
            nUsed += used[k] ? 1 : 0;
        }
        List<ShearProfile.Bin> out = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
            out.add(bin(sums, used, nUsed, b, b + 1));
        }
        return new ShearProfile(out, bin(sums, used, nUsed, 0, nb), nc, nUsed);
    }

    /** The annuli from {@code from} (inclusive) to {@code to} (exclusive) merged into one bin. */
    private ShearProfile.Bin bin(Sums s, boolean[] used, int nUsed, int from, int to) {
        int nb = bins();
        int nc = centres.size();
        double[] perW = new double[nc];
        double[] perT = new double[nc];
        double[] perX = new double[nc];
        double sw = 0;
        double swt = 0;
        double swx = 0;
        double sw2v = 0;
        double swr = 0;
        long pairs = 0;
        for (int k = 0; k < nc; k++) {
            for (int b = from; b < to; b++) {
                int i = k * nb + b;
                perW[k] += s.sumW[i];
                perT[k] += s.sumWT[i];
                perX[k] += s.sumWX[i];
                sw2v += s.sumW2Var[i];
                swr += s.sumWR[i];
                pairs += s.pairs[i];
            }
            sw += perW[k];
            swt += perT[k];
            swx += perX[k];
        }
        if (!(sw > 0)) {
            return new ShearProfile.Bin(edgesArcmin[from], edgesArcmin[to], Double.NaN, 0, 0, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN);
        }
        double gt = swt / sw;
        double gx = swx / sw;
        double jackT = Double.NaN;
        double jackX = Double.NaN;
        if (nUsed >= 2) {
            double[] lt = new double[nUsed];
            double[] lx = new double[nUsed];
            int j = 0;
            for (int k = 0; k < nc; k++) {
                if (used[k]) {
                    double w = sw - perW[k];
                    lt[j] = w > 0 ? (swt - perT[k]) / w : Double.NaN;
                    lx[j] = w > 0 ? (swx - perX[k]) / w : Double.NaN;
                    j++;
                }
            }
            jackT = jackknife(lt);
            jackX = jackknife(lx);
        }
        return new ShearProfile.Bin(edgesArcmin[from], edgesArcmin[to], swr / sw, pairs, sw, gt, gx,
                Math.sqrt(sw2v) / sw, jackT, jackX);
    }

    /** Jackknife standard error of leave-one-out estimates: √((K−1)/K·Σ(x_k − x̄)²); NaN if any is NaN. */
    private static double jackknife(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss * (x.length - 1) / x.length);
    }

    /**
     * Running sums per (centre, annulus): Σw, Σw·γ_t, Σw·γ_×, Σw²(γ_t² + γ_×²)/2, Σw·r (arcmin) and
     * the pair count. Mutable, not thread-safe; {@link #merge} combines partial sums.
     */
    public static final class Sums {
        private final int centres;
        private final int bins;
        private final double[] sumW;
        private final double[] sumWT;
        private final double[] sumWX;
        private final double[] sumW2Var;
        private final double[] sumWR;
        private final long[] pairs;

        private Sums(int centres, int bins) {
            this.centres = centres;
            this.bins = bins;
            int n = centres * bins;
            sumW = new double[n];
            sumWT = new double[n];
            sumWX = new double[n];
            sumW2Var = new double[n];
            sumWR = new double[n];
            pairs = new long[n];
        }

        private void add(int i, double w, double gt, double gx, double rArcmin) {
            sumW[i] += w;
            sumWT[i] += w * gt;
            sumWX[i] += w * gx;
            sumW2Var[i] += w * w * (gt * gt + gx * gx) / 2;
            sumWR[i] += w * rArcmin;
            pairs[i]++;
        }

        /** Adds {@code other} (sums of the same stack over other galaxies) into this. */
        public void merge(Sums other) {
            if (other.centres != centres || other.bins != bins) {
                throw new IllegalArgumentException("cannot merge sums of different stacks");
            }
            for (int i = 0; i < sumW.length; i++) {
                sumW[i] += other.sumW[i];
                sumWT[i] += other.sumWT[i];
                sumWX[i] += other.sumWX[i];
                sumW2Var[i] += other.sumW2Var[i];
                sumWR[i] += other.sumWR[i];
                pairs[i] += other.pairs[i];
            }
        }
    }
}
