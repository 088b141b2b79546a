package org.massmap.spark.job;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.HashPartitioner;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.massmap.io.Checksums;
import org.massmap.io.SkyMap;
import org.massmap.io.fits.FitsMaps;
import org.massmap.io.fits.Provenance;
import org.massmap.spark.output.TileAttempt;
import org.massmap.spark.output.TileCommitter;
import org.massmap.spark.output.TileFingerprint;
import org.massmap.survey.EdgeTaper;
import org.massmap.survey.HealpixMosaic;
import org.massmap.survey.MosaicAccumulator;
import org.massmap.survey.MosaicPreview;
import org.massmap.survey.Resampling;
import scala.Tuple2;

/**
 * Stage 6 of the survey job, the survey-wide mosaic: every current tile's posterior mean (NaN outside its mask) is resampled
 * onto HEALPix pixels with edge-tapered weights, partial sums are built on executors and merged on
 * the driver, and the result (mosaic.fits: a partial-sky HEALPix table with KAPPA_MEAN and
 * WEIGHT; mosaic.png) is committed like a tile, under OUT/tiles/mosaic. The mosaic of a survey
 * travels to the driver: it is a map, not samples, about 16 bytes per HEALPix pixel covered.
 *
 * <p>The sums are the same bits on every run: tiles are added in a fixed order (grouped by a hash
 * of their id into a number of groups fixed by the tile count, sorted by id within a group, and
 * the groups merged in group order), never in the order tasks happen to finish.
 */
final class MosaicStage {
    private MosaicStage() {
    }

    /**
     * Builds and publishes the mosaic of every tile whose current publication holds this run's
     * result (published now or up to date), at the finest pixel of the planned tiles. Every tile's
     * mean is read back from its published file, fresh or not: the mosaic of a resumed run then has
     * the same bits as an uninterrupted run's (a fresh mean in memory is not yet float32).
     */
    static void build(JavaSparkContext jsc, Broadcast<JobSpec> spec, List<TileReport> reports, List<TilePlan> plans,
            Broadcast<SerializableWritable<Configuration>> hadoop, PrintWriter console) throws Exception {
        List<String> inMosaic = reports.stream().filter(r -> r.status().isPublished()).map(TileReport::tileId).toList();
        JavaPairRDD<String, SkyMap> means = jsc.parallelize(inMosaic, Math.max(1, Math.min(inMosaic.size(), jsc.defaultParallelism())))
                .mapToPair(id -> new Tuple2<>(id, currentMean(spec.value(), id, hadoop.value().value())));
        double pixelArcmin = plans.stream().mapToDouble(p -> p.tile().pixelArcmin()).min().orElse(1);
        publish(jsc, spec.value(), means, inMosaic.size(), fingerprint(reports), pixelArcmin, jsc.hadoopConfiguration(), console);
    }

    /** The published posterior mean of a tile, read on an executor. */
    private static SkyMap currentMean(JobSpec spec, String tileId, Configuration hadoop) throws Exception {
        TileCommitter committer = TileCommitter.open(new org.apache.hadoop.fs.Path(spec.outputUri()), hadoop, spec.runId());
        Path tmp = Files.createTempFile("massmap-mean-", ".fits");
        try (InputStream in = committer.open(tileId, "posterior_mean.fits")) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return FitsMaps.read(tmp).map();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Fingerprint of the mosaic: the published tiles and their input fingerprints. */
    private static String fingerprint(List<TileReport> reports) {
        StringBuilder sb = new StringBuilder("massmap-mosaic/1\n");
        reports.stream().filter(r -> r.status().isPublished())
                .sorted((a, b) -> a.tileId().compareTo(b.tileId()))
                .forEach(r -> sb.append(r.tileId()).append(' ').append(r.fingerprint()).append('\n'));
        return Checksums.sha256(sb.toString());
    }

    /**
     * @param means tile id → posterior mean (NaN outside the mask) of every tile in the mosaic
     * @param tiles how many tiles {@code means} holds (sets the number of groups)
     */
    private static void publish(JavaSparkContext jsc, JobSpec spec, JavaPairRDD<String, SkyMap> means, int tiles, String fingerprint,
            double pixelArcmin, Configuration hadoop, PrintWriter console) throws Exception {
        TileCommitter committer = TileCommitter.open(new org.apache.hadoop.fs.Path(spec.outputUri()), hadoop, spec.runId());
        TileFingerprint fp = new TileFingerprint(fingerprint);
        if (committer.isUpToDate(SurveyJob.MOSAIC_ID, fp)) {
            console.println("mosaic up to date");
            return;
        }
        if (tiles == 0) { // the count of ok and skipped tiles, i.e. of the entries of means
            console.println("no published tile: no mosaic");
            return;
        }
        double taper = spec.mosaicTaperArcmin();
        int groups = (int) Math.ceil(Math.sqrt(Math.max(1, tiles))); // a function of the tiles, not of the cluster
        List<MosaicAccumulator> partial = means.repartitionAndSortWithinPartitions(new HashPartitioner(groups)).mapPartitions(it -> {
            MosaicAccumulator acc = MosaicAccumulator.forPixelSize(pixelArcmin, new EdgeTaper(taper), Resampling.BILINEAR);
            it.forEachRemaining(t -> acc.add(t._2()));
            return List.of(acc).iterator();
        }).collect();
        MosaicAccumulator total = partial.get(0);
        for (int g = 1; g < partial.size(); g++) {
            total.merge(partial.get(g));
        }
        HealpixMosaic mosaic = HealpixMosaic.join(List.of(total.result("KAPPA_MEAN", null), total.weights()));
        Provenance prov = Provenance.of(spec.softwareVersion(), Instant.now()).withSeed(spec.sampler().seed())
                .withConfigChecksum(Checksums.sha256(spec.canonicalConfig()));
        Path local = Files.createTempDirectory("massmap-mosaic-");
        try {
            mosaic.writeFits(local.resolve("mosaic.fits"), "KAPPA_MEAN", prov);
            MosaicPreview.figure(mosaic, "KAPPA_MEAN", "Survey mosaic: posterior mean κ").writePng(local.resolve("mosaic.png"));
            TileAttempt attempt = committer.begin(SurveyJob.MOSAIC_ID);
            attempt.uploadDirectory(local);
            committer.publish(attempt, fp, Map.of("nside", Long.toString(mosaic.healpix().nside()),
                    "pixels", Integer.toString(mosaic.size())));
            console.printf("mosaic: %d HEALPix pixels (nside %d) in %s%n", mosaic.size(), mosaic.healpix().nside(), attempt.dir());
        } finally {
            TilePublisher.deleteQuietly(local);
        }
    }
}
