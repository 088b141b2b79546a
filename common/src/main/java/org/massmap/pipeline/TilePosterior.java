package org.massmap.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.KnownCluster;
import org.massmap.grid.TileGrid;
import org.massmap.output.PosteriorProducts.KnownClusterFrequency;
import org.massmap.sampling.ChainSeeds;
import org.massmap.stats.ClusterDetector;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.NoiseOnlyMaps;
import org.massmap.stats.SmoothedNoiseStd;
import org.massmap.stats.PosteriorSummary;

/** Turns a tile's posterior samples into its summaries (moments, quantiles, cluster frequency). */
public final class TilePosterior {
    private TilePosterior() {
    }

    /** Summaries of the samples of one tile, with noise-only maps drawn from the tile's own seed. */
    public static PosteriorSummary summarize(TileProblem problem, List<double[]> samples, ClusterSettings clusters) {
        return summarize(problem.binned(), problem.auxiliaryRandom(), samples, clusters);
    }

    /**
     * Summaries of the samples of one tile.
     *
     * @param auxiliary the tile's generator of noise-only maps ({@link #auxiliaryRandom})
     */
    public static PosteriorSummary summarize(BinnedShear b, SplittableRandom auxiliary, List<double[]> samples,
            ClusterSettings clusters) {
        TileGrid g = b.grid();
        List<double[]> noise = NoiseOnlyMaps.draw(g.nx(), g.ny(), b.noiseSigma(), b.mask(), clusters.noiseRealisations(),
                auxiliary);
        double[] sigmaS = SmoothedNoiseStd.of(g, clusters, b.noiseSigma(), b.mask()); // exact; the maps give the false-peak rate
        ClusterDetector detector = new ClusterDetector(g, clusters, sigmaS, b.mask());
        return PosteriorSummary.of(g, samples, detector, noise);
    }

    /**
     * A generator for a tile's auxiliary draws (noise-only maps), independent of every chain: seeded
     * by the run seed and the tile id.
     */
    public static SplittableRandom auxiliaryRandom(long runSeed, String tileId) {
        return new SplittableRandom(ChainSeeds.seed(runSeed, tileId + "#noise-only", 0));
    }

    /** Each known cluster's frequency at its pixel (NaN and not in the tile when it falls outside). */
    public static List<KnownClusterFrequency> known(TileGrid grid, double[] frequency, List<KnownCluster> clusters) {
        List<KnownClusterFrequency> out = new ArrayList<>();
        double[] xy = new double[2];
        for (KnownCluster c : clusters) {
            boolean in = grid.tangentPlane().project(c.position().raDeg(), c.position().decDeg(), xy);
            int i = in ? grid.pixelIndex(grid.xOf(xy[0]), grid.yOf(xy[1])) : -1;
            out.add(new KnownClusterFrequency(c, i >= 0 ? frequency[i] : Double.NaN, i >= 0));
        }
        return out;
    }
}
