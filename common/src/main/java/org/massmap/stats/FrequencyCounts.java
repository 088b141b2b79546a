package org.massmap.stats;

import java.io.Serializable;

/**
 * Mergeable counts behind a cluster-frequency map: for each pixel, the number of samples that had
 * a significant peak within the detection radius, and the number of samples seen.
 */
public final class FrequencyCounts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] counts;
    private long samples;

    public FrequencyCounts(int pixels) {
        this.counts = new int[pixels];
    }

    /** Records one sample's coverage (true where a peak lies within the radius). */
    public void add(boolean[] covered) {
        for (int i = 0; i < counts.length; i++) {
            if (covered[i]) {
                counts[i]++;
            }
        }
        samples++;
    }

    public FrequencyCounts merge(FrequencyCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        samples += other.samples;
        return this;
    }

    public long samples() {
        return samples;
    }

    /** Fraction of samples with a peak within the radius of each pixel. */
    public double[] frequency() {
        double[] f = new double[counts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = samples == 0 ? 0 : (double) counts[i] / samples;
        }
        return f;
    }
}
