package org.massmap.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.KnownCluster;
import org.massmap.config.SamplerConfig;
import org.massmap.io.JsonFiles;
import org.massmap.io.MassmapIoException;
import org.massmap.io.fits.Provenance;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.output.PosteriorProducts;
import org.massmap.output.TileProducts;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.sampling.Schedule;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.PosteriorSummary;
import org.massmap.survey.Tile;
import org.massmap.wiener.WienerResult;

/**
 * Writes one tile's products into a directory, every FITS file with the writer's provenance: the one
 * place that decides which files each kind of product holds.
 * <ul>
 * <li>{@link #kaiserSquires} ({@code massmap ks}): shear.fits, noise.fits, mask.fits, kappa_ks_e.fits,
 * kappa_ks_b.fits and kappa_ks_e.png;</li>
 * <li>{@link #wiener} ({@code massmap wiener}): kappa_wiener.fits and kappa_wiener.png;</li>
 * <li>{@link #posterior} (a tile of the survey job, {@code massmap sample}): the Kaiser-Squires set
 * unsmoothed, kappa_wiener.fits, the posterior products of {@link PosteriorProducts}, fig1.png and
 * tile.json.</li>
 * </ul>
 * It needs a tile's model-free {@link TileData} and never a prior model: publishing a sampled tile
 * loads no neural network. The directory must exist; publishing it (atomically, or as an attempt of
 * the survey job) is the caller's.
 */
public final class TileProductWriter {
    private final Path dir;
    private final Provenance prov;

    public TileProductWriter(Path dir, Provenance prov) {
        this.dir = dir;
        this.prov = prov;
    }

    /**
     * How a run sampled its tiles, as a sampled tile's products record it and its summaries use it.
     *
     * @param runId         the run's id (tile.json)
     * @param prior         "gaussian" or "hybrid" (tile.json)
     * @param modelSha256   SHA-256 of the hybrid prior's model weights, or null for the Gaussian prior
     * @param sampler       the run seed and the annealing schedule whose resolved σ range tile.json records
     * @param clusters      cluster detection in the samples
     * @param knownClusters clusters whose frequency clusters.fits reports (table KNOWN when not empty)
     * @param wienerTolerance     relative residual the Wiener filter of kappa_wiener.fits reaches
     * @param wienerMaxIterations its conjugate-gradient iteration limit
     */
    public record PosteriorRun(String runId, String prior, String modelSha256, SamplerConfig sampler, ClusterSettings clusters,
            List<KnownCluster> knownClusters, double wienerTolerance, int wienerMaxIterations) {
        public PosteriorRun {
            knownClusters = List.copyOf(knownClusters);
        }
    }

    /**
     * One sampled tile.
     *
     * @param galaxies    galaxies binned onto the tile
     * @param fingerprint the content fingerprint of the tile's inputs
     * @param samples     the finished chains' samples, in chain order
     * @param chains      every chain's diagnostics, in chain order
     * @param problems    what went wrong with some chains (tile.json), empty when nothing did
     */
    public record SampledTile(Tile tile, long galaxies, String fingerprint, TileData data, List<double[]> samples,
            List<ChainDiagnostics> chains, List<String> problems) {
        public SampledTile {
            samples = List.copyOf(samples);
            chains = List.copyOf(chains);
            problems = List.copyOf(problems);
        }
    }

    /** The binned data and the Kaiser-Squires maps ({@link TileProducts#writeBinned}, {@link TileProducts#writeKaiserSquires}). */
    public void kaiserSquires(BinnedShear binned, KaiserSquiresMaps ks) throws MassmapIoException {
        TileProducts.writeBinned(dir, binned, prov);
        TileProducts.writeKaiserSquires(dir, ks, prov);
    }

    /** The Wiener-filter map and its preview. */
    public void wiener(BinnedShear binned, WienerResult wf) throws MassmapIoException {
        TileProducts.writeWiener(dir, binned.grid(), wf, prov);
        TileProducts.writeWienerPreview(dir, binned.grid(), wf, binned.mask());
    }

    /**
     * A sampled tile's products: summaries of its samples (noise-only maps drawn from the run seed and
     * the tile id), the Kaiser-Squires and Wiener maps, fig1.png (Kaiser-Squires smoothed over half
     * the cluster aperture) and tile.json. With a margin, the Kaiser-Squires and Wiener maps are made on the
 * inference grid and cropped, and the samples are the tile's (cropped by {@link TileProblem}); every file
 * is on the tile grid with the tile's WCS.
     *
     * @param truth the known truth on the tile grid for fig1.png, or null
     * @return the summaries written
     */
    public PosteriorSummary posterior(SampledTile t, PosteriorRun run, double[] truth) throws MassmapIoException {
        TileData data = t.data();
        BinnedShear binned = data.binned();
        Schedule schedule = data.schedule(run.sampler());
        PosteriorSummary summary = TilePosterior.summarize(binned,
                TilePosterior.auxiliaryRandom(run.sampler().seed(), t.tile().id()), t.samples(), run.clusters());
        var known = TilePosterior.known(binned.grid(), summary.clusterFrequency(), run.knownClusters());
        WienerResult wf = data.wienerFilter(run.wienerTolerance(), run.wienerMaxIterations());
        kaiserSquires(binned, data.kaiserSquires(0));
        TileProducts.writeWiener(dir, binned.grid(), wf, prov);
        PosteriorProducts.write(dir, summary, t.samples(), binned.mask(), known, t.chains(), prov);
        PosteriorProducts.figure1(binned.grid(), truth, binned.mask(),
                data.kaiserSquires(run.clusters().apertureArcmin() / 2).kappaE(), summary.mean(), t.samples(), List.of())
                .writePng(dir.resolve("fig1.png"));
        JsonFiles.write(dir.resolve("tile.json"), tileInfo(t, run, schedule, summary));
        return summary;
    }

    private static Map<String, Object> tileInfo(SampledTile t, PosteriorRun run, Schedule schedule, PosteriorSummary summary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tile", t.tile().id());
        m.put("run", run.runId());
        m.put("centre", t.tile().centre().toString());
        m.put("size", t.tile().size());
        m.put("pixel_arcmin", t.tile().pixelArcmin());
        m.put("inference_grid", List.of(t.data().inferenceGrid().nx(), t.data().inferenceGrid().ny()));
        m.put("galaxies", t.galaxies());
        m.put("fingerprint", t.fingerprint());
        m.put("prior", run.prior());
        m.put("model_sha256", run.modelSha256());
        m.put("seed", run.sampler().seed());
        m.put("sigma_max", schedule.sigmaMax());
        m.put("sigma_min", schedule.sigmaMin());
        m.put("samples", summary.samples());
        m.put("false_peaks_per_deg2", summary.falsePeaksPerDeg2());
        m.put("cluster_candidates", summary.candidates().size());
        List<Map<String, Object>> chains = new ArrayList<>();
        for (ChainDiagnostics d : t.chains()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("chain", d.chain());
            c.put("seed", d.seed());
            c.put("iterations", d.iterations());
            c.put("score_evaluations", d.scoreEvaluations());
            c.put("acceptance", d.acceptanceRate());
            c.put("final_step_size", d.finalStepSize());
            c.put("batch_wall_seconds", d.wallSeconds());
            c.put("failure", d.failure());
            chains.add(c);
        }
        m.put("chains", chains);
        m.put("problems", t.problems());
        return m;
    }
}
