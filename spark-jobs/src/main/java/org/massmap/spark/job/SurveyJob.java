package org.massmap.spark.job;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.massmap.catalog.ColumnMapping;
import org.massmap.grid.SkyPoint;
import org.massmap.spark.io.CatalogSplit;
import org.massmap.spark.output.OutputException;
import org.massmap.spark.output.OutputGarbage;
import org.massmap.spark.output.OutputLock;
import org.massmap.spark.output.RunClaim;
import org.massmap.spark.output.RunManifest;
import org.massmap.survey.Tiling;
import org.massmap.survey.TilingSpec;

/**
 * The survey-scale posterior job (driver side), as a sequence of stages, all on executors unless
 * noted: (1) {@link DiscoveryStage}: discover catalog files and split them into row ranges (driver,
 * headers only); (2) {@link BinningStage}: bin every split into per-tile sums with content digests,
 * reduced by tile; (3) {@link PlanningStage}: plan each tile: fingerprint, skip if unchanged, or
 * run; (4) {@link SamplingStage}: one task per (tile, batch of chains) running annealed HMC with
 * the executor's model; (5) {@link PublishingStage}: gather each tile's samples on one executor,
 * summarise, commit (current.json last); (6) {@link MosaicStage}: blend the tiles' published
 * posterior means into a HEALPix mosaic; (7) {@link ManifestStage}: write the run manifest last
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
                outcome = runStages(jsc, template, request, console);
            } catch (Exception e) {
                RunClaim.releaseIfUnused(fs, out, template.runId());
                throw e;
            }
            collectGarbage(fs, out, template.runId(), lock.held(), console); // what the new manifest no longer names
            return outcome;
        }
    }

    /** The stages, in order; each phase's wall time goes into the run manifest. */
    private static Outcome runStages(JavaSparkContext jsc, JobSpec template, Request request, PrintWriter console) throws Exception {
        Instant started = Instant.now();
        RunManifest.Builder manifest = ManifestStage.start(template, request.resolvedConfig());

        long t = System.nanoTime();
        DiscoveryStage.Inputs inputs = DiscoveryStage.discover(jsc.hadoopConfiguration(), request.locations(), request.rowsPerSplit(),
                template.columns(), console);
        Broadcast<SerializableWritable<Configuration>> hadoop = jsc.broadcast(new SerializableWritable<>(jsc.hadoopConfiguration()));
        JavaRDD<CatalogSplit> splits = jsc.parallelize(inputs.splits(), Math.max(1, inputs.splits().size()));
        manifest.timing("discover", since(t));

        t = System.nanoTime();
        JobSpec spec = template.withTiling(tiling(request, splits, template.columns(), hadoop));
        Broadcast<JobSpec> specB = jsc.broadcast(spec);
        BinningStage binning = BinningStage.bin(jsc, splits, specB, hadoop);
        PlanningStage plans = PlanningStage.plan(binning.perTile(), specB, hadoop);
        manifest.timing("bin-and-plan", since(t));
        BinningStage.ReadSummary read = binning.summarize(inputs.unreadable(), console);
        manifest.rows(read.totals().asMap());
        plans.requireMapped(spec, read.totals());
        plans.report(spec, console);

        SamplingStage sampling = SamplingStage.sample(jsc, plans, specB, hadoop);
        t = System.nanoTime();
        List<TileReport> reports = PublishingStage.publish(jsc, plans, sampling, specB, hadoop, console);
        manifest.timing("sample-and-publish", since(t));

        t = System.nanoTime();
        MosaicStage.build(jsc, specB, reports, plans.summaries(), hadoop, console);
        manifest.timing("mosaic", since(t));

        int exit = ManifestStage.finish(jsc, manifest, spec, inputs.files(), reports, read.problems(), plans.runIds().size(), hadoop,
                started, console);
        plans.unpersist();
        return new Outcome(exit, reports, read.problems(), ManifestStage.uri(spec));
    }

    /** The run's tiles (from the catalogs' footprint unless the request fixes them); the mosaic's id is reserved. */
    private static Tiling tiling(Request request, JavaRDD<CatalogSplit> splits, ColumnMapping columns,
            Broadcast<SerializableWritable<Configuration>> hadoop) throws Exception {
        Tiling tiling = TilingResolver.resolve(request.tiling(), request.tilingSpec(), request.centre(), splits, columns, hadoop);
        if (tiling.tile(MOSAIC_ID).isPresent()) {
            throw new IllegalArgumentException("tile id '" + MOSAIC_ID + "' is reserved for the survey mosaic; rename that tile");
        }
        return tiling;
    }

    private static Duration since(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime);
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
}
