package org.massmap.stats;

/**
 * A cluster candidate: sky position (degrees), 0-based pixel, the fraction of posterior samples
 * with a significant peak within the radius, the smoothed posterior-mean κ there, and that value's
 * signal-to-noise against shape-noise-only data.
 */
public record ClusterCandidate(double raDeg, double decDeg, int x, int y, double frequency, double meanKappa,
        double meanSnr) implements java.io.Serializable {
}
