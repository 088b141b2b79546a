package org.massmap.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.BinnedShear;
import org.massmap.catalog.KnownCluster;
import org.massmap.catalog.ShapeNoise;
import org.massmap.catalog.ShearAccumulator;
import org.massmap.catalog.ShearBinner;
import org.massmap.config.SamplerConfig;
import org.massmap.grid.SkyPoint;
import org.massmap.io.JsonFiles;
import org.massmap.io.fits.FitsKeywords;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.FitsTables;
import org.massmap.io.fits.Provenance;
import org.massmap.lensing.KaiserSquiresMaps;
import org.massmap.lensing.ShearModel;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.sampling.ChainResult;
import org.massmap.sampling.GeometricSchedule;
import org.massmap.sampling.HmcMove;
import org.massmap.sampling.MassKind;
import org.massmap.sampling.ProbabilityFlow;
import org.massmap.sampling.ScoreFunction;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.stats.ClusterSettings;
import org.massmap.stats.PosteriorSummary;
import org.massmap.survey.Tile;
import org.massmap.theory.ConvergenceSpectrum;
import org.massmap.wiener.WienerResult;

/**
 * The per-tile products writer on a small mock tile: the file sets of the ks, wiener and sampled-tile
 * products, a sampled tile published with no prior model anywhere (common has no model classes, and
 * a run labelled hybrid is published from its checksum alone), and the same summaries, schedule and
 * Wiener map as the sampler's {@link TileProblem} gives.
 */
class TileProductWriterTest {
    static final ConvergenceSpectrum CL = ell -> 2e-9 * Math.pow(Math.max(ell, 1) / 1000.0, -1.1) * Math.exp(-ell / 20000.0);
    static final Tile TILE = new Tile("t000_0001", 20, -60, 16, 2.0);
    static final SamplerConfig SAMPLER = new SamplerConfig(new GeometricSchedule(0.1, 0.005, 4, 2, 2),
            new HmcMove(3, 0.5, 0.7, MassKind.FOURIER), ProbabilityFlow.NONE, Double.NaN, 0.005, 3, 7, 3, 1,
            SamplerConfig.Prior.GAUSSIAN, "");
    static final ClusterSettings CLUSTERS = new ClusterSettings(4, 3, 4, 0.1, 4);
    static final Provenance PROV = Provenance.of("test", Instant.EPOCH).withSeed(7);

    static BinnedShear binned;
    static TileProblem problem;
    static List<double[]> samples = new ArrayList<>();
    static List<ChainDiagnostics> chains = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void sampleAMockTile() throws Exception {
        MockSurveySpec spec = new MockSurveySpec(16, 2.0, new SkyPoint(20, -60), 10, 0.26, 0.03, MaskSpec.none(), ShearModel.REDUCED_SHEAR);
        MockSurvey m = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, CL::cl, null), new SplittableRandom(5));
        ShearBinner binner = new ShearBinner(TILE.grid());
        ShearAccumulator acc = binner.newAccumulator();
        binner.accumulate(m.asChunk(), acc);
        binned = binner.finish(acc, ShapeNoise.measured());
        problem = new TileProblem(TILE.id(), binned, ShearModel.REDUCED_SHEAR, CL, PriorModel.gaussian(), SAMPLER);
        for (ChainResult r : problem.sample(0, SAMPLER.chains(), 1, null)) {
            samples.add(r.sample());
            chains.add(r.diagnostics());
        }
    }

    static TileData data() {
        return new TileData(binned, ShearModel.REDUCED_SHEAR, CL);
    }

    static Set<String> files(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void publishingASampledTileNeedsNoPriorModel() throws Exception {
        // common has no model classes at all: whatever the writer needs, it cannot be the neural prior
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.massmap.model.ScoreModel"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.massmap.model.HybridPriorModel"));
        String sha = "ab".repeat(32);
        TileProductWriter.PosteriorRun run = new TileProductWriter.PosteriorRun("run-1", "hybrid", sha, SAMPLER, CLUSTERS,
                List.of(new KnownCluster("IN", TILE.centre()), new KnownCluster("FAR", new SkyPoint(200, 10))), 1e-6, 500);
        double[] truth = new double[TILE.grid().size()];
        PosteriorSummary summary = new TileProductWriter(dir, PROV.withModelChecksum(sha)).posterior(
                new TileProductWriter.SampledTile(TILE, 1234, "fp", data(), samples, chains, List.of("chains from 9: test")), run, truth);

        assertEquals(new TreeSet<>(List.of("shear.fits", "noise.fits", "mask.fits", "kappa_ks_e.fits", "kappa_ks_b.fits",
                "kappa_ks_e.png", "kappa_wiener.fits", "chains.fits", "posterior_mean.fits", "posterior_std.fits",
                "posterior_median.fits", "posterior_q02.5.fits", "posterior_q16.fits", "posterior_q84.fits", "posterior_q97.5.fits",
                "cluster_frequency.fits", "clusters.fits", "samples.fits", "posterior_mean.png", "posterior_std.png",
                "cluster_frequency.png", "fig1.png", "tile.json")), files(dir));
        assertEquals(sha, FitsMaps.read(dir.resolve("posterior_mean.fits")).keywords().string(Provenance.MODEL_CHECKSUM).orElseThrow());
        assertEquals(2, FitsTables.read(dir.resolve("clusters.fits"), "KNOWN").rows());
        JsonNode info = JsonFiles.readTree(dir.resolve("tile.json"));
        List<String> keys = new ArrayList<>();
        info.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("tile", "run", "centre", "size", "pixel_arcmin", "inference_grid", "galaxies", "fingerprint", "prior", "model_sha256",
                "seed", "sigma_max", "sigma_min", "samples", "false_peaks_per_deg2", "cluster_candidates", "chains", "problems"), keys);
        assertEquals("hybrid", info.get("prior").asText());
        assertEquals(sha, info.get("model_sha256").asText());
        assertEquals(samples.size(), info.get("samples").asInt());
        assertEquals(summary.candidates().size(), info.get("cluster_candidates").asInt());
        assertEquals(problem.schedule().sigmaMin(), info.get("sigma_min").asDouble());
        assertEquals(chains.size(), info.get("chains").size());
        assertEquals("chains from 9: test", info.get("problems").get(0).asText());
    }

    @Test
    void theWritersInputsHoldNoModelType() {
        List<Executable> api = new ArrayList<>(List.of(TileProductWriter.class.getConstructors()));
        api.addAll(List.of(TileData.class.getConstructors()));
        for (Method m : TileProductWriter.class.getMethods()) {
            if (m.getDeclaringClass() == TileProductWriter.class) {
                api.add(m);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (Executable e : api) {
            for (Parameter p : e.getParameters()) {
                types.add(p.getType());
            }
        }
        for (Class<?> record : List.of(TileProductWriter.PosteriorRun.class, TileProductWriter.SampledTile.class)) {
            for (RecordComponent c : record.getRecordComponents()) {
                types.add(c.getType());
            }
        }
        for (Class<?> t : types) {
            assertFalse(t == PriorModel.class || t == TileProblem.class || ScoreFunction.class.isAssignableFrom(t)
                    || t.getName().startsWith("org.massmap.model."), "the products writer takes a " + t.getName());
        }
    }

    @Test
    void aSampledTileHasTheSamplersScheduleSummariesAndWienerMap() {
        TileData data = data();
        assertEquals(problem.schedule().sigmaMin(), data.schedule(SAMPLER).sigmaMin());
        assertEquals(problem.schedule().sigmaMax(), data.schedule(SAMPLER).sigmaMax());
        PosteriorSummary viaProblem = TilePosterior.summarize(problem, samples, CLUSTERS);
        PosteriorSummary viaData = TilePosterior.summarize(binned, TilePosterior.auxiliaryRandom(SAMPLER.seed(), TILE.id()), samples,
                CLUSTERS);
        assertArrayEquals(viaProblem.mean(), viaData.mean());
        assertArrayEquals(viaProblem.clusterFrequency(), viaData.clusterFrequency());
        assertArrayEquals(viaProblem.clusterNoiseStd(), viaData.clusterNoiseStd());
        assertEquals(viaProblem.falsePeaksPerDeg2(), viaData.falsePeaksPerDeg2());
        assertArrayEquals(new org.massmap.wiener.GaussianPosterior(problem.likelihood(), problem.power(), 0).wienerFilter(1e-6, 500).kappa(),
                data.wienerFilter(1e-6, 500).kappa());
    }

    @Test
    void theKsAndWienerSetsHoldTheirFiles() throws Exception {
        Path ks = Files.createDirectory(dir.resolve("ks"));
        new TileProductWriter(ks, PROV).kaiserSquires(binned, KaiserSquiresMaps.of(binned, 3));
        assertEquals(Set.of("shear.fits", "noise.fits", "mask.fits", "kappa_ks_e.fits", "kappa_ks_b.fits", "kappa_ks_e.png"), files(ks));
        assertEquals(3.0, FitsMaps.read(ks.resolve("kappa_ks_e.fits")).keywords().number("SMOOTH").orElseThrow().doubleValue());

        Path wiener = Files.createDirectory(dir.resolve("wiener"));
        WienerResult wf = data().wienerFilter(1e-6, 500);
        new TileProductWriter(wiener, PROV).wiener(binned, wf);
        assertEquals(Set.of("kappa_wiener.fits", "kappa_wiener.png"), files(wiener));
        FitsKeywords k = FitsMaps.read(wiener.resolve("kappa_wiener.fits")).keywords();
        assertEquals(wf.iterations(), k.integer("WFITER").orElseThrow().longValue());
        assertEquals(wf.relativeResidual(), k.number("WFRESID").orElseThrow().doubleValue());
        double[] stored = FitsMaps.read(wiener.resolve("kappa_wiener.fits")).map().values();
        for (int i = 0; i < stored.length; i++) {
            assertEquals((float) wf.kappa()[i], (float) stored[i], "pixel " + i); // the map is stored in single precision
        }
    }
}
