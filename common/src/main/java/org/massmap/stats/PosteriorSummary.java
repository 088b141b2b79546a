package org.massmap.stats;

import java.util.List;
import org.massmap.grid.TileGrid;

/**
 * Per-pixel summaries of a tile's posterior samples: mean and standard deviation (Welford), median
 * and the 2.5/16/84/97.5 percentiles, the cluster-detection frequency map, the noise std σ_S of the
 * aperture-smoothed statistic that calibrates its peaks, its candidates, and the false-peak rate of
 * the same detection on shape-noise-only data.
 */
public record PosteriorSummary(TileGrid grid, int samples, double[] mean, double[] std, double[] median, double[] q025,
        double[] q16, double[] q84, double[] q975, double[] clusterFrequency, double[] clusterNoiseStd,
        List<ClusterCandidate> candidates, double falsePeaksPerDeg2) {

    /** Probabilities of the quantile maps, in the order median, 2.5, 16, 84, 97.5 per cent. */
    static final double[] PROBABILITIES = {0.5, 0.025, 0.16, 0.84, 0.975};

    /**
     * @param samples   posterior samples (at least 2)
     * @param detector  cluster detector of the tile
     * @param noiseOnly noise-only κ maps for the false-peak rate
     */
    public static PosteriorSummary of(TileGrid grid, List<double[]> samples, ClusterDetector detector,
            List<double[]> noiseOnly) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("a posterior standard deviation needs at least 2 samples, got "
                    + samples.size() + " (failed chains are not counted); raise sampler.chains");
        }
        PixelMoments moments = new PixelMoments(grid.size());
        FrequencyCounts counts = new FrequencyCounts(grid.size());
        for (double[] s : samples) {
            moments.add(s);
            counts.add(detector.coverage(s));
        }
        double[][] q = PixelQuantiles.of(samples.toArray(new double[0][]), PROBABILITIES);
        double[] mean = moments.mean();
        double[] freq = counts.frequency();
        return new PosteriorSummary(grid, samples.size(), mean, moments.std(), q[0], q[1], q[2], q[3], q[4], freq,
                detector.noiseStd(), detector.candidates(freq, mean), detector.falsePeaksPerDeg2(noiseOnly));
    }
}
