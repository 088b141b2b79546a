package org.massmap.stats;

/** Removes the mean of a map (or any vector) in place: the k = 0 mode, which weak lensing does not constrain. */
public final class MeanRemoval {
    private MeanRemoval() {
    }

    /** Subtracts the arithmetic mean of {@code x} (summed in index order) from every element. */
    public static void removeMean(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        for (int i = 0; i < x.length; i++) {
            x[i] -= mean;
        }
    }
}
