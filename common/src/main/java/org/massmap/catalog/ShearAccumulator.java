package org.massmap.catalog;

import java.io.Serializable;
import java.util.Collections;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;

/**
 * Running sums of a shear binning on one tile, filled by {@link ShearBinner#accumulate} chunk by
 * chunk: per pixel Σw, Σw², Σw·γ1, Σw·γ2 (grid-frame components) and the galaxy count; counts of
 * galaxies used, outside the tile and dropped by the readers; and a histogram of |e| weighted by
 * w² for the shape-noise estimate. Maps are flat row-major arrays, index iy·nx + ix.
 *
 * <p>Partial accumulators over disjoint sets of galaxies {@link #merge} into the accumulator of the
 * union: counts exactly, sums up to floating-point rounding (addition order differs). Plain arrays
 * and primitives only, {@link Serializable}, so Spark executors can bin partitions separately and
 * combine. Mutable and not thread-safe: one accumulator per task.
 */
public final class ShearAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Histogram of |e| for the σ_e estimate: {@value #E_BINS} bins on [0, {@value #E_MAX}) plus one overflow bin. */
    static final int E_BINS = 2000;
    static final double E_MAX = 4.0;

    private final int nx;
    private final int ny;
    private final double pixelRad;
    private final double centreRaDeg;
    private final double centreDecDeg;

    /** Exact, order-independent sums (see {@link ExactSums}): results do not depend on how galaxies were partitioned. */
    private final ExactSums sumW;
    private final ExactSums sumW2;
    private final ExactSums sumWG1;
    private final ExactSums sumWG2;
    final int[] count;
    /** Σw² and Σw²|e|² per |e| bin. */
    private final ExactSums histW2 = new ExactSums(E_BINS + 1);
    private final ExactSums histW2E2 = new ExactSums(E_BINS + 1);

    long used;
    long outside;
    private long rowsRead;
    private long droppedNonFinite;
    private long droppedZeroWeight;
    private final TreeSet<String> sources = new TreeSet<>();

    /** An empty accumulator for {@code grid}. */
    public ShearAccumulator(TileGrid grid) {
        this.nx = grid.nx();
        this.ny = grid.ny();
        this.pixelRad = grid.pixelRad();
        this.centreRaDeg = grid.centre().raDeg();
        this.centreDecDeg = grid.centre().decDeg();
        int n = grid.size();
        this.sumW = new ExactSums(n);
        this.sumW2 = new ExactSums(n);
        this.sumWG1 = new ExactSums(n);
        this.sumWG2 = new ExactSums(n);
        this.count = new int[n];
    }

    /** The tile this accumulator bins onto. */
    public TileGrid grid() {
        return new TileGrid(nx, ny, pixelRad, new SkyPoint(centreRaDeg, centreDecDeg));
    }

    /** Adds one galaxy of weight w and grid-frame ellipticity (g1, g2) to pixel {@code index}. */
    void add(int index, double w, double g1, double g2) {
        sumW.add(index, w);
        sumW2.add(index, w * w);
        sumWG1.add(index, w * g1);
        sumWG2.add(index, w * g2);
        count[index]++;
        double e2 = g1 * g1 + g2 * g2;
        int bin = (int) Math.min(E_BINS, Math.sqrt(e2) * (E_BINS / E_MAX));
        histW2.add(bin, w * w);
        histW2E2.add(bin, w * w * e2);
        used++;
    }

    /** Σw per pixel. */
    double[] sumW() {
        return sumW.values();
    }

    /** Σw² per pixel. */
    double[] sumW2() {
        return sumW2.values();
    }

    /** Σw·γ1 per pixel. */
    double[] sumWG1() {
        return sumWG1.values();
    }

    /** Σw·γ2 per pixel. */
    double[] sumWG2() {
        return sumWG2.values();
    }

    /** Σw² per |e| bin. */
    double[] histW2() {
        return histW2.values();
    }

    /** Σw²|e|² per |e| bin. */
    double[] histW2E2() {
        return histW2E2.values();
    }

    /**
     * Records what a reader did (rows read and dropped, file name), so that the result reports
     * them. Call once per reader, after its last chunk.
     */
    public void noteRead(ReadStats stats) {
        rowsRead += stats.rowsRead();
        droppedNonFinite += stats.droppedNonFinite();
        droppedZeroWeight += stats.droppedZeroWeight();
        sources.add(stats.source());
    }

    /**
     * Adds {@code other} (same grid, disjoint galaxies) into this accumulator.
     *
     * @throws IllegalArgumentException if the two were made for different tiles
     */
    public void merge(ShearAccumulator other) {
        if (other.nx != nx || other.ny != ny || other.pixelRad != pixelRad || other.centreRaDeg != centreRaDeg
                || other.centreDecDeg != centreDecDeg) {
            throw new IllegalArgumentException("cannot merge shear binnings of different tiles: " + grid() + " and " + other.grid());
        }
        sumW.addAll(other.sumW);
        sumW2.addAll(other.sumW2);
        sumWG1.addAll(other.sumWG1);
        sumWG2.addAll(other.sumWG2);
        for (int i = 0; i < count.length; i++) {
            count[i] += other.count[i];
        }
        histW2.addAll(other.histW2);
        histW2E2.addAll(other.histW2E2);
        used += other.used;
        outside += other.outside;
        rowsRead += other.rowsRead;
        droppedNonFinite += other.droppedNonFinite;
        droppedZeroWeight += other.droppedZeroWeight;
        sources.addAll(other.sources);
    }

    /** Galaxies binned into the tile. */
    public long used() {
        return used;
    }

    /** Galaxies that fell outside the tile (or had no gnomonic image, 90° or more from its centre). */
    public long outside() {
        return outside;
    }

    /** Catalog rows read, as noted by {@link #noteRead}. */
    public long rowsRead() {
        return rowsRead;
    }

    public long droppedNonFinite() {
        return droppedNonFinite;
    }

    public long droppedZeroWeight() {
        return droppedZeroWeight;
    }

    /** Catalog files noted by {@link #noteRead}, sorted. */
    public SortedSet<String> sources() {
        return Collections.unmodifiableSortedSet(sources);
    }

    /** The sources for error messages: the file names, or a count when there are many. */
    String sourceLabel() {
        if (sources.isEmpty()) {
            return "(in-memory galaxies)";
        }
        if (sources.size() <= 3) {
            return String.join(", ", sources);
        }
        return String.format(Locale.ROOT, "%s and %d other files", sources.first(), sources.size() - 1);
    }
}
