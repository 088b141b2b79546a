package org.massmap.catalog;

/**
 * A reusable buffer of up to {@link #capacity()} galaxies as parallel arrays (struct of arrays):
 * ICRS position {@code ra}, {@code dec} in degrees, ellipticity {@code e1}, {@code e2} in the sky
 * convention of {@link ColumnMapping} (catalog flips already applied), and weight {@code w} &gt; 0.
 * Only the first {@link #size()} entries are valid; every valid value is finite.
 *
 * <p>Mutable on purpose: a reader refills the same chunk so that streaming a catalog allocates
 * nothing per row. The accessors return the backing arrays (no copies) for hot loops; do not keep
 * them past the next refill. Not thread-safe.
 */
public final class GalaxyChunk {
    /** Default number of galaxies per chunk: 64 Ki rows, 2.6 MB of arrays. */
    public static final int DEFAULT_CAPACITY = 1 << 16;

    private final double[] ra;
    private final double[] dec;
    private final double[] e1;
    private final double[] e2;
    private final double[] w;
    private int size;

    public GalaxyChunk(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("chunk capacity must be at least 1, got " + capacity);
        }
        ra = new double[capacity];
        dec = new double[capacity];
        e1 = new double[capacity];
        e2 = new double[capacity];
        w = new double[capacity];
    }

    public GalaxyChunk() {
        this(DEFAULT_CAPACITY);
    }

    public int capacity() {
        return ra.length;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == ra.length;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Appends one galaxy (degrees, sky-convention ellipticity, weight); the caller guarantees finite
     * values and w &gt; 0, as readers do.
     *
     * @throws IllegalStateException when the chunk is full
     */
    public void add(double raDeg, double decDeg, double skyE1, double skyE2, double weight) {
        if (size == ra.length) {
            throw new IllegalStateException("chunk is full (" + size + " galaxies); clear it or check isFull()");
        }
        ra[size] = raDeg;
        dec[size] = decDeg;
        e1[size] = skyE1;
        e2[size] = skyE2;
        w[size] = weight;
        size++;
    }

    /** Right ascension, degrees (backing array). */
    public double[] ra() {
        return ra;
    }

    /** Declination, degrees (backing array). */
    public double[] dec() {
        return dec;
    }

    /** Sky-convention e1 (backing array). */
    public double[] e1() {
        return e1;
    }

    /** Sky-convention e2 (backing array). */
    public double[] e2() {
        return e2;
    }

    /** Weight, &gt; 0 (backing array). */
    public double[] w() {
        return w;
    }
}
