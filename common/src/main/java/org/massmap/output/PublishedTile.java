package org.massmap.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.massmap.grid.TileGrid;
import org.massmap.io.MassmapIoException;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsCubeReader;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTable;
import org.massmap.io.fits.FitsTables;
import org.massmap.stats.ClusterCandidate;

/**
 * A tile's products read back from its product directory (as {@link TileProducts} and
 * {@link PosteriorProducts} write them) for reports made after the run. Maps are row-major on
 * {@code grid}; {@code mean} and {@code clusterFrequency} are NaN outside the observed mask,
 * {@code ksE}, {@code ksB} (unsmoothed Kaiser-Squires) and {@code wiener} are not masked;
 * {@code samples} are the first few planes of samples.fits, of {@code totalSamples}.
 */
public record PublishedTile(Path dir, TileGrid grid, boolean[] mask, double[] mean, double[] ksE, double[] ksB, double[] wiener,
        double[] clusterFrequency, List<ClusterCandidate> candidates, List<double[]> samples, int totalSamples) {

    public PublishedTile {
        samples = List.copyOf(samples);
        candidates = List.copyOf(candidates);
    }

    /** Reads the products in {@code dir}, with at most {@code maxSamples} samples. */
    public static PublishedTile read(Path dir, int maxSamples) throws MassmapIoException {
        SkyMap meanMap = FitsMaps.read(dir.resolve("posterior_mean.fits")).map();
        TileGrid grid = meanMap.grid();
        double[] maskValues = sameGrid(FitsMaps.read(dir.resolve("mask.fits"), "MASK").map(), grid, dir);
        boolean[] mask = new boolean[maskValues.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = maskValues[i] > 0;
        }
        double[] ksE = sameGrid(FitsMaps.read(dir.resolve("kappa_ks_e.fits")).map(), grid, dir);
        double[] ksB = sameGrid(FitsMaps.read(dir.resolve("kappa_ks_b.fits")).map(), grid, dir);
        double[] wiener = sameGrid(FitsMaps.read(dir.resolve("kappa_wiener.fits")).map(), grid, dir);
        double[] frequency = sameGrid(FitsMaps.read(dir.resolve("cluster_frequency.fits"), "CLUSTER_FREQ").map(), grid, dir);
        List<ClusterCandidate> candidates = candidates(FitsTables.read(dir.resolve("clusters.fits"), "CANDIDATES"));
        List<double[]> samples = new ArrayList<>();
        int total;
        try (FitsCubeReader cube = FitsCubeReader.open(dir.resolve("samples.fits"))) {
            total = cube.depth();
            for (int k = 0; k < Math.min(maxSamples, total); k++) {
                samples.add(cube.readPlane(k));
            }
        }
        return new PublishedTile(dir, grid, mask, meanMap.values(), ksE, ksB, wiener, frequency, candidates, samples, total);
    }

    private static double[] sameGrid(SkyMap map, TileGrid grid, Path dir) throws MassmapIoException {
        if (map.grid().nx() != grid.nx() || map.grid().ny() != grid.ny()) {
            throw new MassmapIoException(dir, "map " + map.name() + " is " + map.grid().nx() + "x" + map.grid().ny()
                    + " but posterior_mean.fits is " + grid.nx() + "x" + grid.ny() + ": not the products of one tile");
        }
        return map.values();
    }

    /** The CANDIDATES table of clusters.fits as candidates. */
    static List<ClusterCandidate> candidates(FitsTable t) {
        double[] ra = t.doubles("ra");
        double[] dec = t.doubles("dec");
        double[] x = t.doubles("x");
        double[] y = t.doubles("y");
        double[] f = t.doubles("frequency");
        double[] k = t.doubles("mean_kappa");
        double[] snr = t.doubles("snr_mean");
        List<ClusterCandidate> out = new ArrayList<>();
        for (int i = 0; i < t.rows(); i++) {
            out.add(new ClusterCandidate(ra[i], dec[i], (int) x[i], (int) y[i], f[i], k[i], snr[i]));
        }
        return out;
    }
}
