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
import org.massmap.io.Checksums;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.Provenance;
import org.massmap.pipeline.TileData;
import org.massmap.pipeline.TileProductWriter;
import org.massmap.sampling.ChainDiagnostics;
import org.massmap.spark.output.TileAttempt;
import org.massmap.spark.output.TileCommitter;
import org.massmap.spark.output.TileFingerprint;
import org.massmap.spark.output.TileOutcome;
import org.massmap.stats.PosteriorSummary;
import org.massmap.survey.TruthMaps;
import org.slf4j.LoggerFactory;

/**
 * Summarises one tile's samples on the executor that gathered them and commits the tile: the
 * products ({@link TileProductWriter#posterior}, from the tile's model-free data: no prior model is
 * loaded) are written into a local temporary directory, uploaded into a new attempt directory, and
 * published by replacing the tile's current.json last. A tile that fails is reported and its
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
            TileData data = ChainRunner.data(spec, plan);
            double[] truth = spec.truthUri() == null ? null : truthOnGrid(spec.truthUri(), data.binned(), hadoop);
            Provenance prov = Provenance.of(spec.softwareVersion(), Instant.now()).withSeed(spec.sampler().seed())
                    .withConfigChecksum(Checksums.sha256(spec.canonicalConfig()));
            if (spec.modelSha256() != null) {
                prov = prov.withModelChecksum(spec.modelSha256());
            }
            local = Files.createTempDirectory("massmap-tile-" + id + "-");
            PosteriorSummary summary = new TileProductWriter(local, prov).posterior(new TileProductWriter.SampledTile(plan.tile(),
                    plan.galaxies(), plan.fingerprint(), data, samples, diagnostics, problems), run(spec), truth);

            TileCommitter committer = TileCommitter.open(new org.apache.hadoop.fs.Path(spec.outputUri()), hadoop, spec.runId());
            TileAttempt attempt = committer.begin(id);
            attempt.uploadDirectory(local);
            Map<String, String> info = new LinkedHashMap<>();
            info.put("galaxies", Long.toString(plan.galaxies()));
            info.put("samples", Integer.toString(samples.size()));
            info.put("ra", Double.toString(plan.tile().raDeg()));
            info.put("dec", Double.toString(plan.tile().decDeg()));
            committer.publish(attempt, new TileFingerprint(plan.fingerprint()), info);
            TileReport report = new TileReport(id, TileOutcome.OK, problems.isEmpty() ? null : String.join("; ", problems),
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
        return new TileReport(plan.tile().id(), TileOutcome.FAILED, reason, plan.fingerprint(), null, plan.galaxies(), 0, 0, 0,
                (System.nanoTime() - t0) * 1e-9, plan.tile().raDeg(), plan.tile().decDeg());
    }

    /** How the job samples its tiles, as their products record it. */
    private static TileProductWriter.PosteriorRun run(JobSpec spec) {
        return new TileProductWriter.PosteriorRun(spec.runId(), spec.modelUri() == null ? "gaussian" : "hybrid", spec.modelSha256(),
                spec.sampler(), spec.clusters(), spec.knownClusters(), spec.wienerTolerance(), spec.wienerMaxIterations());
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
