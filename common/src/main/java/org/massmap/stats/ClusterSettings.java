package org.massmap.stats;

/**
 * How clusters are detected in posterior samples (the paper's significance measure: the frequency
 * with which a peak appears across samples).
 *
 * @param apertureArcmin     standard deviation of the Gaussian aperture that smooths each sample, arcmin
 * @param snrThreshold       a peak counts when smoothed κ ≥ snrThreshold × the noise std of the same smoothed statistic
 * @param radiusArcmin       a pixel is credited with a peak of a sample lying within this distance, arcmin
 * @param minFrequency       smallest frequency listed as a candidate
 * @param noiseRealisations  shape-noise-only realisations used to measure the noise std and the false-peak rate
 */
public record ClusterSettings(double apertureArcmin, double snrThreshold, double radiusArcmin, double minFrequency,
        int noiseRealisations) implements java.io.Serializable {

    public ClusterSettings {
        if (!(apertureArcmin > 0) || !(radiusArcmin > 0)) {
            throw new IllegalArgumentException("clusters.aperture-arcmin and clusters.radius-arcmin must be positive");
        }
        if (!(snrThreshold > 0)) {
            throw new IllegalArgumentException("clusters.snr-threshold must be positive, got " + snrThreshold);
        }
        if (!(minFrequency > 0 && minFrequency <= 1)) {
            throw new IllegalArgumentException("clusters.min-frequency must lie in (0, 1], got " + minFrequency);
        }
        if (noiseRealisations < 2) {
            throw new IllegalArgumentException("clusters.noise-realisations must be at least 2, got " + noiseRealisations);
        }
    }
}
