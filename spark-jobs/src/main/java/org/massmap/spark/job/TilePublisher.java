package org.massmap.spark.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.massmap.catalog.BinnedShear;
import org.massmap.io.FitsKeywords;
import org.massmap.io.FitsMaps;
import org.massmap.io.JsonFiles;
import org.massmap.io.MapHdu;
import org.massmap.io.Provenance;
import org.massmap.io.SkyMap;
import org.massmap.pipeline.TilePosterior;
import org.massmap.pipeline.TileProblem;
import org.massmap.products.KaiserSquiresMaps;
import org.massmap.products.PosteriorProducts;
import org.massmap.products.PosteriorSummary;
import org.massmap.products.TileProducts;
import org.massmap.products.TruthMaps;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.spark.output.TileAttempt;
import org.massmap.spark.output.TileCommitter;
import org.massmap.spark.output.TileFingerprint;
import org.massmap.wiener.GaussianPosterior;
import org.massmap.wiener.WienerResult;
import org.slf4j.LoggerFactory;

/**
 * Summarises one tile's samples on the executor that gathered them and commits the tile: the
 * products are written into a local temporary directory, uploaded into a new attempt directory,
 * and published by replacing the tile's current.json last. A tile that fails is reported and its
 * previous publication stays intact.
 */
final class TilePublisher {
    private TilePublisher() {
    }

    static TileReport publish(JobSpec spec, TilePlan plan, Iterable<ChainBatch> batches, Configuration hadoop) {
        long t0 = System.nanoTime();
        String id = plan.tile().id();
        Path local = null;
        try {
            List<ChainBatch> sorted = new ArrayList<>();
            batches.forEach(sorted::add);
            sorted.sort(Comparator.comparingInt(ChainBatch::firstChain));
            List<double[]> samples = new ArrayList<>();
            List<ChainDiagnostics> diagnostics = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (ChainBatch b : sorted) {
                if (b.failure() != null) {
                    problems.add("chains from " + b.firstChain() + ": " + b.failure());
                }
                for (int i = 0; i < b.samples().size(); i++) {
                    if (b.samples().get(i) != null) {
                        samples.add(b.samples().get(i));
                    }
                }
                diagnostics.addAll(b.diagnostics());
            }
            int failedChains = spec.sampler().chains() - samples.size();
            if (samples.size() < 2) {
                return failed(plan, "only " + samples.size() + " of " + spec.sampler().chains() + " chains finished"
                        + (problems.isEmpty() ? "" : ": " + problems.get(0)), t0);
            }
            TileProblem problem = ChainRunner.problem(spec, plan, PriorModels.forJob(spec, hadoop));
            BinnedShear binned = problem.binned();
            PosteriorSummary summary = TilePosterior.summarize(problem, samples, spec.clusters());
            var known = TilePosterior.known(binned.grid(), summary.clusterFrequency(), spec.knownClusters());
            KaiserSquiresMaps ks = KaiserSquiresMaps.of(binned, 0);
            WienerResult wf = new GaussianPosterior(problem.likelihood(), problem.power(), 0)
                    .wienerFilter(spec.wienerTolerance(), spec.wienerMaxIterations());
            double[] truth = spec.truthUri() == null ? null : truthOnGrid(spec.truthUri(), binned, hadoop);
            Provenance prov = Provenance.of(spec.softwareVersion(), Instant.now()).withSeed(spec.sampler().seed())
                    .withConfigChecksum(org.massmap.io.Checksums.sha256(spec.canonicalConfig()));
            if (spec.modelSha256() != null) {
                prov = prov.withModelChecksum(spec.modelSha256());
            }
            local = Files.createTempDirectory("massmap-tile-" + id + "-");
            Path dir = local;
            TileProducts.writeBinned(dir, binned, prov);
            TileProducts.writeKaiserSquires(dir, ks, prov);
            FitsMaps.write(dir.resolve("kappa_wiener.fits"), prov, List.of(new MapHdu(SkyMap.of("KAPPA_WIENER", binned.grid(),
                    wf.kappa()), FitsKeywords.empty().with("WFITER", wf.iterations()).with("WFRESID", wf.relativeResidual()))));
            PosteriorProducts.write(dir, summary, samples, binned.mask(), known, diagnostics, prov);
            PosteriorProducts.figure1(binned.grid(), truth, binned.mask(),
                    KaiserSquiresMaps.of(binned, spec.clusters().apertureArcmin() / 2).kappaE(), summary.mean(), samples, List.of())
                    .writePng(dir.resolve("fig1.png"));
            JsonFiles.write(dir.resolve("tile.json"), tileInfo(spec, plan, problem, diagnostics, summary, problems));

            TileCommitter committer = TileCommitter.open(new org.apache.hadoop.fs.Path(spec.outputUri()), hadoop, spec.runId());
            TileAttempt attempt = committer.begin(id);
            attempt.uploadDirectory(dir);
            Map<String, String> info = new LinkedHashMap<>();
            info.put("galaxies", Long.toString(plan.galaxies()));
            info.put("samples", Integer.toString(samples.size()));
            info.put("ra", Double.toString(plan.tile().raDeg()));
            info.put("dec", Double.toString(plan.tile().decDeg()));
            committer.publish(attempt, new TileFingerprint(plan.fingerprint()), info);
            TileReport report = new TileReport(id, "ok", problems.isEmpty() ? null : String.join("; ", problems),
                    plan.fingerprint(), attempt.dir().toString(), plan.galaxies(), samples.size(), failedChains,
                    summary.candidates().size(), (System.nanoTime() - t0) * 1e-9, plan.tile().raDeg(), plan.tile().decDeg());
            return report;
        } catch (Exception e) {
            return failed(plan, e.getClass().getSimpleName() + ": " + e.getMessage(), t0);
        } finally {
            deleteQuietly(local);
        }
    }

    private static TileReport failed(TilePlan plan, String reason, long t0) {
        return new TileReport(plan.tile().id(), "failed", reason, plan.fingerprint(), null, plan.galaxies(), 0, 0, 0,
                (System.nanoTime() - t0) * 1e-9, plan.tile().raDeg(), plan.tile().decDeg());
    }

    private static Map<String, Object> tileInfo(JobSpec spec, TilePlan plan, TileProblem problem,
            List<ChainDiagnostics> diagnostics, PosteriorSummary summary, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tile", plan.tile().id());
        m.put("run", spec.runId());
        m.put("centre", plan.tile().centre().toString());
        m.put("size", plan.tile().size());
        m.put("pixel_arcmin", plan.tile().pixelArcmin());
        m.put("galaxies", plan.galaxies());
        m.put("fingerprint", plan.fingerprint());
        m.put("prior", spec.modelUri() == null ? "gaussian" : "hybrid");
        m.put("model_sha256", spec.modelSha256());
        m.put("seed", spec.sampler().seed());
        m.put("sigma_max", problem.schedule().sigmaMax());
        m.put("sigma_min", problem.schedule().sigmaMin());
        m.put("samples", summary.samples());
        m.put("false_peaks_per_deg2", summary.falsePeaksPerDeg2());
        m.put("cluster_candidates", summary.candidates().size());
        List<Map<String, Object>> chains = new ArrayList<>();
        for (ChainDiagnostics d : diagnostics) {
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
        m.put("problems", problems);
        return m;
    }

    /** Reads the truth map (any Hadoop URI) and brings it onto the tile grid. */
    private static double[] truthOnGrid(String uri, BinnedShear binned, Configuration hadoop) throws Exception {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        Path tmp = Files.createTempFile("massmap-truth-", ".fits");
        try (InputStream in = p.getFileSystem(hadoop).open(p)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return TruthMaps.onGrid(FitsMaps.read(tmp).map(), binned.grid());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(TilePublisher.class).warn("could not delete the temporary directory {}: {}", dir, e.toString());
        }
    }
}
