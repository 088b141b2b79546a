package org.massmap.spark.job;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.Partitioner;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.massmap.catalog.CatalogPlausibility;
import org.massmap.grid.SkyPoint;
import org.massmap.io.SkyMap;
import org.massmap.spark.io.CatalogFile;
import org.massmap.spark.io.CatalogFiles;
import org.massmap.spark.io.CatalogSplit;
import org.massmap.spark.io.CatalogSplits;
import org.massmap.spark.output.OutputException;
import org.massmap.spark.output.OutputGarbage;
import org.massmap.spark.output.OutputLock;
import org.massmap.spark.output.PublishMode;
import org.massmap.spark.output.RunClaim;
import org.massmap.spark.output.RunManifest;
import org.massmap.spark.output.TileOutcome;
import org.massmap.survey.TilingSpec;
import scala.Tuple2;

/**
 * The survey-scale posterior job (driver side). Stages, all on executors unless noted:
 * (1) discover catalog files and split them into row ranges (driver, headers only);
 * (2) bin every split into per-tile accumulators with content digests, reduced by tile;
 * (3) plan each tile: fingerprint, skip if unchanged, or run;
 * (4) one task per (tile, batch of chains) running annealed HMC with the executor's model;
 * (5) gather each tile's samples on one executor, summarise, commit (current.json last);
 * (6) blend the tiles' published posterior means (read back from their files) into a HEALPix mosaic; (7) write the run manifest last
 * (driver). The driver sees only small records: tile plans without data, reports, the mosaic.
 */
public final class SurveyJob {
    /** Id under OUT/tiles/ of the survey mosaic. */
    public static final String MOSAIC_ID = "mosaic";

    /**
     * What to run on.
     *
     * @param locations    catalog files, directories or globs (any Hadoop URI)
     * @param rowsPerSplit FITS rows per split
     * @param tiling       how tiles are chosen
     * @param tilingSpec   tile size, pixel and overlap
     * @param centre       centre of a single tile, if configured
     * @param resolvedConfig the resolved configuration (for the manifest)
     */
    public record Request(List<String> locations, long rowsPerSplit, TilingChoice tiling, TilingSpec tilingSpec,
            Optional<SkyPoint> centre, Object resolvedConfig) {
    }

    /** The run's outcome: exit code (0 ok, 3 partial, 1 failed), tile reports and problems. */
    public record Outcome(int exitCode, List<TileReport> tiles, List<InputProblem> inputProblems, String manifestUri) {
    }

    private SurveyJob() {
    }

    /**
     * Runs the job. Before any work it takes the output's lock ({@link OutputLock}: refused while
     * another run writes there; checks that the output is a writable directory) and claims the run
     * id ({@link RunClaim}: used once per output), so a refused run publishes nothing. While it runs,
     * Ctrl-C cancels its Spark jobs and stops their chains before Spark stops the context
     * ({@link CancelJobsOnShutdown}).
     */
    public static Outcome run(JavaSparkContext jsc, JobSpec template, Request request, PrintWriter console) throws Exception {
        Path out = new Path(template.outputUri());
        FileSystem fs = out.getFileSystem(jsc.hadoopConfiguration());
        try (OutputLock lock = OutputLock.acquire(fs, out, template.runId());
                CancelJobsOnShutdown onCtrlC = CancelJobsOnShutdown.register(jsc, console)) {
            if (!lock.held()) {
                console.println("note: " + fs.getUri().getScheme() + ":// has no safe lock; concurrent runs into this output stay"
                        + " harmless (unique run ids, attempts kept until a manifest no longer names them) but do not run two at once");
            }
            RunClaim.claim(fs, out, template.runId(), template.sampler().seed());
            collectGarbage(fs, out, template.runId(), lock.held(), console); // what an interrupted run left
            Outcome outcome;
            try {
                outcome = runClaimed(jsc, template, request, console);
            } catch (Exception e) {
                RunClaim.releaseIfUnused(fs, out, template.runId());
                throw e;
            }
            collectGarbage(fs, out, template.runId(), lock.held(), console); // what the new manifest no longer names
            return outcome;
        }
    }

    private static Outcome runClaimed(JavaSparkContext jsc, JobSpec template, Request request, PrintWriter console) throws Exception {
        Instant started = Instant.now();
        Clock clock = Clock.systemUTC();
        Configuration hadoopConf = jsc.hadoopConfiguration();
        RunManifest.Builder manifest = RunManifest.builder(template.runId(), template.softwareVersion(), clock)
                .config(request.resolvedConfig()).seed("run", template.sampler().seed());
        if (template.modelUri() != null) {
            manifest.model(new RunManifest.ModelRef(template.modelUri(), template.modelSha256()));
        }

        // (1) discovery and splits (driver: headers only)
        long t = System.nanoTime();
        List<CatalogFile> files = new CatalogFiles(hadoopConf).discover(request.locations());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no catalog files (*.fits, *.csv) found under " + request.locations());
        }
        CatalogSplits splitter = new CatalogSplits(hadoopConf, template.columns(), request.rowsPerSplit());
        List<CatalogSplit> splits = new ArrayList<>();
        List<InputProblem> unreadable = new ArrayList<>();
        List<String> notCatalogs = new ArrayList<>();
        for (CatalogFile f : files) {
            try {
                splits.addAll(splitter.split(List.of(f)));
            } catch (org.massmap.catalog.CatalogException e) {
                if (e.isNotACatalog()) {
                    notCatalogs.add(f.uri());
                }
                unreadable.add(new InputProblem(f.uri(), 0, -1, e.getMessage()));
            }
        }
        if (!splits.isEmpty() && !notCatalogs.isEmpty()) {
            // images and tables without ellipticities next to the catalogs (a simulation's truth, mask, halos)
            unreadable.removeIf(p -> notCatalogs.contains(p.uri()));
            console.printf(Locale.ROOT, "skipped %d FITS file(s) that are not shear catalogs (images, or tables without %s/%s): %s%n",
                    notCatalogs.size(), template.columns().e1(), template.columns().e2(),
                    String.join(", ", notCatalogs.stream().map(u -> new Path(u).getName()).toList()));
        }
        if (splits.isEmpty()) {
            throw new IllegalArgumentException("none of the " + files.size() + " catalog file(s) under " + request.locations()
                    + " can be read: " + unreadable.get(0).reason());
        }
        console.printf(Locale.ROOT, "found %d catalog file(s), %d split(s)%n", files.size(), splits.size());
        Broadcast<SerializableWritable<Configuration>> hadoop = jsc.broadcast(new SerializableWritable<>(hadoopConf));
        JavaRDD<CatalogSplit> splitRdd = jsc.parallelize(splits, Math.max(1, splits.size()));
        manifest.timing("discover", Duration.ofNanos(System.nanoTime() - t));

        // tiles
        t = System.nanoTime();
        var tiling = TilingResolver.resolve(request.tiling(), request.tilingSpec(), request.centre(), splitRdd,
                template.columns(), hadoop);
        JobSpec spec = template.withTiling(tiling);
        if (tiling.tile(MOSAIC_ID).isPresent()) {
            throw new IllegalArgumentException("tile id '" + MOSAIC_ID + "' is reserved for the survey mosaic; rename that tile");
        }
        Broadcast<JobSpec> specB = jsc.broadcast(spec);

        // (2) binning per tile. The sums are exact (ExactSums, mod-2^64 digests, integer counts), so
        // merging partials in any order gives the same bits: results do not depend on partitioning.
        CollectionAccumulator<InputProblem> inputProblems = jsc.sc().collectionAccumulator("input problems");
        CollectionAccumulator<ReadTotals> readTotals = jsc.sc().collectionAccumulator("rows read");
        CollectionAccumulator<CatalogPlausibility> plausibility = jsc.sc().collectionAccumulator("catalog plausibility");
        JavaPairRDD<String, TileBinning> perTile = splitRdd.mapPartitionsToPair(it -> {
            JobSpec s = specB.value();
            SplitBinner binner = new SplitBinner(s.tiling(), s.columns(), hadoop.value().value());
            while (it.hasNext()) {
                InputProblem p = binner.add(it.next());
                if (p != null) {
                    inputProblems.add(p);
                }
            }
            readTotals.add(binner.totals());
            plausibility.add(binner.plausibility());
            List<Tuple2<String, TileBinning>> out = new ArrayList<>();
            binner.tiles().forEach((id, b) -> out.add(new Tuple2<>(id, b)));
            return out.iterator();
        }).reduceByKey(TileBinning::merge);

        // (3) plans
        JavaRDD<TilePlan> plans = perTile.map(p -> TilePlanner.plan(specB.value(), p._2, hadoop.value().value()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<TilePlan> planned = plans.map(TilePlan::summary).collect();
        manifest.timing("bin-and-plan", Duration.ofNanos(System.nanoTime() - t));
        List<InputProblem> collected = new ArrayList<>(unreadable);
        collected.addAll(inputProblems.value());
        List<InputProblem> problems = dedupe(collected);
        for (InputProblem p : problems) {
            console.println("warning: catalog " + p.uri() + (p.endRow() < 0 ? "" : " rows " + (p.startRow() + 1) + " to " + p.endRow()
                    + " (counting from 1)") + " skipped: " + p.reason());
        }
        ReadTotals totals = readTotals.value().stream().reduce(ReadTotals.ZERO, ReadTotals::plus);
        reportRows(totals, plausibility.value(), console);
        manifest.rows(totals.asMap());
        if (TilingResolver.isSingleTile(tiling)) {
            requireMapped(tiling.tile(TilingResolver.SINGLE_TILE_ID).orElseThrow(), planned, totals, spec.minGalaxies());
        }
        List<String> runIds = new ArrayList<>();
        for (TilePlan p : planned) {
            if (p.runs()) {
                runIds.add(p.tile().id());
            }
        }
        runIds.sort(null);
        int chains = spec.sampler().chains();
        int perTask = spec.chainsPerTask();
        int groups = (chains + perTask - 1) / perTask;
        console.printf(Locale.ROOT, "%d tile(s): %d to sample (%d chains each), %d up to date, %d with too few galaxies%n",
                planned.size(), runIds.size(), chains, count(planned, TileDecision.UP_TO_DATE),
                count(planned, TileDecision.TOO_FEW_GALAXIES));

        // (4) chain tasks, one partition each, placed by (tile index, group) only
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runIds.size(); i++) {
            index.put(runIds.get(i), i);
        }
        Broadcast<HashMap<String, Integer>> indexB = jsc.broadcast(new HashMap<>(index));
        int taskCount = Math.max(1, runIds.size() * groups);
        LongAccumulator chainsDone = jsc.sc().longAccumulator("chains done");
        LongAccumulator tilesDone = jsc.sc().longAccumulator("tiles done");
        JavaPairRDD<Integer, ChainTask> tasks = plans.filter(TilePlan::runs).flatMapToPair(p -> {
            List<Tuple2<Integer, ChainTask>> out = new ArrayList<>();
            int tileIndex = indexB.value().get(p.tile().id());
            int total = specB.value().sampler().chains();
            int b = specB.value().chainsPerTask();
            for (int g = 0, first = 0; first < total; g++, first += b) {
                out.add(new Tuple2<>(tileIndex * ((total + b - 1) / b) + g, new ChainTask(p, first, Math.min(b, total - first))));
            }
            return out.iterator();
        }).partitionBy(new IndexPartitioner(taskCount));
        JavaPairRDD<String, ChainBatch> batches = tasks.mapToPair(task -> {
            ChainBatch b = ChainRunner.run(specB.value(), task._2, hadoop.value().value());
            chainsDone.add(task._2.count());
            return new Tuple2<>(b.tileId(), b);
        });

        // (5) gather per tile, summarise and commit on executors
        t = System.nanoTime();
        JavaPairRDD<String, TilePlan> runPlans = plans.filter(TilePlan::runs)
                .mapToPair(p -> new Tuple2<>(p.tile().id(), p));
        List<TileReport> reports = new ArrayList<>();
        try (Progress progress = new Progress(console, chainsDone, (long) runIds.size() * chains, tilesDone, runIds.size(), 10)) {
            reports.addAll(runPlans.join(batches.groupByKey()).map(p -> {
                TileReport r = TilePublisher.publish(specB.value(), p._2._1, p._2._2, hadoop.value().value());
                tilesDone.add(1);
                return r;
            }).collect());
        }
        manifest.timing("sample-and-publish", Duration.ofNanos(System.nanoTime() - t));
        for (TilePlan p : planned) {
            if (!p.runs()) {
                reports.add(p.settledReport());
            }
        }
        reports.sort((a, b) -> a.tileId().compareTo(b.tileId()));

        // (6) mosaic of current posterior means (fresh and skipped tiles)
        t = System.nanoTime();
        // every tile's mean is read back from its published file, fresh or skipped: the mosaic of a resumed
        // run then has the same bits as an uninterrupted run's (a fresh mean in memory is not yet float32)
        List<String> inMosaic = reports.stream().filter(r -> r.status().isPublished())
                .map(TileReport::tileId).toList();
        JavaPairRDD<String, SkyMap> means = jsc.parallelize(inMosaic, Math.max(1, Math.min(inMosaic.size(), jsc.defaultParallelism())))
                .mapToPair(id -> new Tuple2<>(id, MosaicStage.currentMean(specB.value(), id, hadoop.value().value())));
        double mosaicPixel = planned.stream().mapToDouble(p -> p.tile().pixelArcmin()).min().orElse(1);
        int mosaicTiles = inMosaic.size();
        MosaicStage.publish(jsc, spec, means, mosaicTiles, MosaicStage.fingerprint(reports), mosaicPixel, hadoopConf, console);
        manifest.timing("mosaic", Duration.ofNanos(System.nanoTime() - t));

        // (7) run manifest, last
        List<String> inputUris = new ArrayList<>();
        files.forEach(f -> inputUris.add(f.uri()));
        if (spec.truthUri() != null) {
            inputUris.add(spec.truthUri());
        }
        for (InputChecksum c : checksums(jsc, inputUris, hadoop)) {
            manifest.input(new RunManifest.InputFile(c.uri(), c.bytes(), c.sha256()));
        }
        int failed = 0;
        int ok = 0;
        for (TileReport r : reports) {
            failed += r.status() == TileOutcome.FAILED ? 1 : 0;
            ok += r.status() == TileOutcome.OK ? 1 : 0;
            manifest.tile(new RunManifest.TileRecord(r.tileId(), r.status(), r.reason() != null ? r.reason()
                    : r.status() == TileOutcome.TOO_FEW_GALAXIES ? "fewer than " + spec.minGalaxies() + " galaxies" : null,
                    r.fingerprint(), r.attemptUri(), r.seconds()));
        }
        for (InputProblem p : problems) {
            manifest.inputProblem(new RunManifest.InputProblem(p.uri(), p.startRow(), p.endRow(), p.reason()));
        }
        int exit = failed == 0 && problems.isEmpty() ? 0 : (ok == 0 && !runIds.isEmpty() ? 1 : RunManifest.PARTIAL_EXIT);
        String message = String.format(Locale.ROOT, "%d tile(s) published, %d skipped, %d failed; %d unreadable input split(s)",
                ok, reports.size() - ok - failed, failed, problems.size());
        Path out = new Path(spec.outputUri());
        FileSystem fs = out.getFileSystem(hadoopConf);
        manifest.finish(exit, message).write(fs, out, PublishMode.forFileSystem(fs));
        console.printf(Locale.ROOT, "%s (%.0f s); manifest %s%n", message, Duration.between(started, Instant.now()).toMillis() / 1e3,
                new Path(out, RunManifest.NAME));
        plans.unpersist();
        return new Outcome(exit, reports, problems, new Path(out, RunManifest.NAME).toString());
    }

    /**
     * The catalog rows read, used and dropped, on the console; a warning when rows were dropped and
     * when the catalogs as a whole look implausible (percent ellipticities, radians).
     */
    static void reportRows(ReadTotals t, List<CatalogPlausibility> perTask, PrintWriter console) {
        console.printf(Locale.ROOT, "read %d catalog rows: %d usable, %d dropped for NaN/inf values, %d for zero weight;"
                + " %d usable rows outside every tile%n", t.rowsRead(), t.rowsKept(), t.droppedNonFinite(), t.droppedZeroWeight(),
                t.outsideAllTiles());
        if (t.droppedNonFinite() + t.droppedZeroWeight() > 0) {
            console.printf(Locale.ROOT, "warning: %d catalog rows were not used (see \"rows\" in the run manifest)%n",
                    t.droppedNonFinite() + t.droppedZeroWeight());
        }
        CatalogPlausibility catalogs = new CatalogPlausibility();
        perTask.forEach(catalogs::merge);
        catalogs.warnings().forEach(w -> console.println("warning: " + w));
    }

    /**
     * A single-tile run (an explicit centre, or {@code --tiling single}) whose tile would not be
     * mapped is an error, not an empty success: it names the tile, the galaxies found and the fix.
     */
    static void requireMapped(org.massmap.survey.Tile tile, List<TilePlan> planned, ReadTotals totals, long minGalaxies) {
        long galaxies = planned.stream().mapToLong(TilePlan::galaxies).sum();
        if (planned.isEmpty() || planned.get(0).decision() == TileDecision.TOO_FEW_GALAXIES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %s of the %d usable catalog rows%s;"
                    + " check the centre (RA,Dec in degrees), the size and pixel, or the RA/Dec column mapping", tile,
                    galaxies == 0 ? "none" : galaxies + " (fewer than job.min-galaxies=" + minGalaxies + ")", totals.rowsKept(),
                    totals.rowsRead() > totals.rowsKept() ? " (" + (totals.rowsRead() - totals.rowsKept()) + " more rows dropped)" : ""));
        }
    }

    /** Deletes attempts and temporary manifests that neither a tile's current.json nor OUT/manifest.json names. */
    private static void collectGarbage(FileSystem fs, Path out, String runId, boolean exclusive, PrintWriter console) {
        try {
            var gc = OutputGarbage.collect(fs, out, runId, exclusive);
            gc.problems().forEach(p -> console.println("warning: garbage collection: " + p));
        } catch (OutputException e) {
            console.println("warning: garbage collection skipped: " + e.getMessage());
        }
    }

    /** Checksums of the inputs, computed on executors in parallel (the driver never reads a catalog). */
    private static List<InputChecksum> checksums(JavaSparkContext jsc, List<String> uris,
            Broadcast<SerializableWritable<Configuration>> hadoop) {
        return jsc.parallelize(uris, uris.size()).map(u -> {
            Path p = new Path(u);
            RunManifest.InputFile d = RunManifest.InputFile.describe(p.getFileSystem(hadoop.value().value()), p);
            return new InputChecksum(d.path(), d.bytes(), d.sha256());
        }).collect();
    }

    private static List<InputProblem> dedupe(List<InputProblem> problems) {
        Map<String, InputProblem> unique = new java.util.TreeMap<>();
        for (InputProblem p : problems) {
            unique.putIfAbsent(p.uri() + "#" + p.startRow(), p);
        }
        return new ArrayList<>(unique.values());
    }

    private static long count(List<TilePlan> plans, TileDecision d) {
        return plans.stream().filter(p -> p.decision() == d).count();
    }

    /** Sends task k to partition k mod n: the placement depends only on (tile index, chain group). */
    static final class IndexPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        IndexPartitioner(int partitions) {
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            return Math.floorMod((Integer) key, partitions);
        }
    }
}
