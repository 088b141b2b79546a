package org.massmap.stats;

import java.io.Serializable;

/**
 * Mergeable per-pixel running mean and variance (Welford; Chan et al. 1979 for merging), so partial
 * results from many tasks combine exactly: count, mean and M2 = Σ(x − mean)² per pixel. Mutable
 * accumulator: confine an instance to one thread, then merge.
 */
public final class PixelMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private final double[] mean;
    private final double[] m2;

    public PixelMoments(int pixels) {
        this.mean = new double[pixels];
        this.m2 = new double[pixels];
    }

    /** Adds one sample map. */
    public PixelMoments add(double[] sample) {
        if (sample.length != mean.length) {
            throw new IllegalArgumentException("sample has " + sample.length + " pixels, expected " + mean.length);
        }
        count++;
        for (int i = 0; i < mean.length; i++) {
            double d = sample[i] - mean[i];
            mean[i] += d / count;
            m2[i] += d * (sample[i] - mean[i]);
        }
        return this;
    }

    /** Merges another accumulator into this one (exact up to rounding). */
    public PixelMoments merge(PixelMoments other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("cannot merge moments of different map sizes");
        }
        if (other.count == 0) {
            return this;
        }
        long n = count + other.count;
        for (int i = 0; i < mean.length; i++) {
            double d = other.mean[i] - mean[i];
            mean[i] += d * other.count / n;
            m2[i] += other.m2[i] + d * d * count * other.count / n;
        }
        count = n;
        return this;
    }

    public long count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Unbiased per-pixel standard deviation; needs at least 2 samples. */
    public double[] std() {
        if (count < 2) {
            throw new IllegalStateException("a standard deviation needs at least 2 samples, have " + count);
        }
        double[] s = new double[m2.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sqrt(m2[i] / (count - 1));
        }
        return s;
    }
}
