package org.massmap.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/**
 * Cluster detection in posterior samples (Remy et al. 2020, Fig. 2): each sample is smoothed with a
 * Gaussian aperture; its local maxima inside the observed mask with smoothed κ ≥ threshold × σ_S are
 * significant, σ_S being the per-pixel std of the same smoothed statistic (the smoothed
 * Kaiser-Squires map) on shape-noise-only data; every pixel within the radius of such a peak is
 * credited. The frequency map is the fraction of samples crediting each pixel; candidates are its
 * local maxima inside the observed mask above the minimum frequency, each placed on the observed
 * pixel of its plateau nearest to the plateau's centre. Immutable and thread-safe.
 */
public final class ClusterDetector {
    private final TileGrid grid;
    private final ClusterSettings settings;
    private final GaussianSmoother smoother;
    private final double[] noiseStd;
    private final double[] threshold;
    private final boolean[] mask;
    private final int[][] disc;

    /**
     * @param noiseStd per-pixel std σ_S of the smoothed statistic on shape-noise-only data
     *                 (see {@link #noiseStd(List, GaussianSmoother)})
     * @param mask     observed pixels (peaks elsewhere are ignored)
     */
    public ClusterDetector(TileGrid grid, ClusterSettings settings, double[] noiseStd, boolean[] mask) {
        this.grid = grid;
        this.settings = settings;
        this.smoother = smoother(grid, settings);
        this.noiseStd = noiseStd.clone();
        this.mask = mask.clone();
        this.threshold = new double[noiseStd.length];
        for (int i = 0; i < threshold.length; i++) {
            threshold[i] = settings.snrThreshold() * noiseStd[i];
        }
        double r = settings.radiusArcmin() / grid.pixelArcmin();
        int reach = (int) Math.ceil(r);
        List<int[]> offsets = new ArrayList<>();
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                if (dx * dx + dy * dy <= r * r) {
                    offsets.add(new int[] {dx, dy});
                }
            }
        }
        this.disc = offsets.toArray(new int[0][]);
    }

    /** Per-pixel std σ_S of the smoothed statistic on shape-noise-only data. */
    public double[] noiseStd() {
        return noiseStd.clone();
    }

    /** The aperture smoother of these settings on this grid. */
    public static GaussianSmoother smoother(TileGrid grid, ClusterSettings settings) {
        return new GaussianSmoother(grid.nx(), grid.ny(), settings.apertureArcmin() / grid.pixelArcmin());
    }

    /** Per-pixel std of the smoothed maps of shape-noise-only realisations (unsmoothed κ maps given). */
    public static double[] noiseStd(List<double[]> noiseOnlyKappa, GaussianSmoother smoother) {
        PixelMoments m = new PixelMoments(noiseOnlyKappa.get(0).length);
        for (double[] k : noiseOnlyKappa) {
            m.add(smoother.smooth(k));
        }
        return m.std();
    }

    /** Pixel indices of the significant peaks of one (unsmoothed) map. */
    public List<Integer> significantPeaks(double[] kappa) {
        return PeakFinder.peaks(smoother.smooth(kappa), grid.nx(), grid.ny(), threshold, mask);
    }

    /** Coverage of one sample: true within the radius of any of its significant peaks. */
    public boolean[] coverage(double[] kappa) {
        boolean[] covered = new boolean[grid.size()];
        for (int p : significantPeaks(kappa)) {
            int px = p % grid.nx();
            int py = p / grid.nx();
            for (int[] o : disc) {
                int x = px + o[0];
                int y = py + o[1];
                if (x >= 0 && y >= 0 && x < grid.nx() && y < grid.ny()) {
                    covered[y * grid.nx() + x] = true;
                }
            }
        }
        return covered;
    }

    /** Mean number of significant peaks per square degree of observed area in noise-only maps. */
    public double falsePeaksPerDeg2(List<double[]> noiseOnlyKappa) {
        long peaks = 0;
        for (double[] k : noiseOnlyKappa) {
            peaks += significantPeaks(k).size();
        }
        int observed = 0;
        for (boolean b : mask) {
            observed += b ? 1 : 0;
        }
        double area = observed * grid.pixelDeg() * grid.pixelDeg();
        return peaks / (noiseOnlyKappa.size() * area);
    }

    /** Candidates from a frequency map and the posterior mean, sorted by decreasing frequency. */
    public List<ClusterCandidate> candidates(double[] frequency, double[] posteriorMean) {
        double[] smoothMean = smoother.smooth(posteriorMean);
        double[] floor = new double[frequency.length];
        java.util.Arrays.fill(floor, settings.minFrequency());
        List<ClusterCandidate> found = new ArrayList<>();
        double radiusPix = settings.radiusArcmin() / grid.pixelArcmin();
        List<Integer> maxima = new ArrayList<>(PeakFinder.peaks(frequency, grid.nx(), grid.ny(), floor, mask));
        maxima.sort(Comparator.comparingDouble((Integer i) -> -frequency[i]).thenComparingInt(i -> i));
        for (int i : maxima) {
            int[] centre = plateauCentre(frequency, i, radiusPix);
            int x = centre[0];
            int y = centre[1];
            boolean near = found.stream().anyMatch(c -> Math.hypot(c.x() - x, c.y() - y) <= radiusPix);
            if (near) {
                continue;
            }
            SkyPoint sky = grid.pixelCentre(x, y);
            int at = y * grid.nx() + x;
            found.add(new ClusterCandidate(sky.raDeg(), sky.decDeg(), x, y, frequency[i], smoothMean[at],
                    smoothMean[at] / noiseStd[at]));
        }
        return found;
    }

    /**
     * The pixel of a maximum's plateau (pixels within the radius sharing its value) nearest to the
     * plateau's mean position: a plateau pixel, so the candidate's frequency is the map's value there.
     */
    private int[] plateauCentre(double[] frequency, int i, double radiusPix) {
        int px = i % grid.nx();
        int py = i / grid.nx();
        List<int[]> plateau = new ArrayList<>();
        double sx = 0;
        double sy = 0;
        for (int[] o : disc) {
            int x = px + o[0];
            int y = py + o[1];
            if (x >= 0 && y >= 0 && x < grid.nx() && y < grid.ny() && frequency[y * grid.nx() + x] == frequency[i]
                    && mask[y * grid.nx() + x] && Math.hypot(o[0], o[1]) <= radiusPix) {
                plateau.add(new int[] {x, y});
                sx += x;
                sy += y;
            }
        }
        double cx = sx / plateau.size();
        double cy = sy / plateau.size();
        int[] best = plateau.get(0);
        for (int[] p : plateau) {
            if (Math.hypot(p[0] - cx, p[1] - cy) < Math.hypot(best[0] - cx, best[1] - cy)) {
                best = p;
            }
        }
        return best;
    }
}
