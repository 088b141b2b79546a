package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.massmap.survey.Tile;

/**
 * Stage 3 of the survey job: plans each binned tile on an executor ({@link TilePlanner}: fingerprint,
 * then run, up to date, too few galaxies, or failed). The plans stay on the executors, persisted for
 * the sampling and publishing stages; the driver collects their summaries only (no binned sums).
 */
final class PlanningStage {
    private final JavaRDD<TilePlan> plans;
    private final List<TilePlan> summaries;
    private final List<String> runIds;

    private PlanningStage(JavaRDD<TilePlan> plans, List<TilePlan> summaries) {
        this.plans = plans;
        this.summaries = summaries;
        List<String> ids = new ArrayList<>();
        for (TilePlan p : summaries) {
            if (p.runs()) {
                ids.add(p.tile().id());
            }
        }
        ids.sort(null);
        this.runIds = List.copyOf(ids);
    }

    /** Plans every tile of {@code perTile}; runs the binning and planning (one Spark action). */
    static PlanningStage plan(JavaPairRDD<String, TileBinning> perTile, Broadcast<JobSpec> spec,
            Broadcast<SerializableWritable<Configuration>> hadoop) {
        JavaRDD<TilePlan> plans = perTile.map(p -> TilePlanner.plan(spec.value(), p._2, hadoop.value().value()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new PlanningStage(plans, plans.map(TilePlan::summary).collect());
    }

    /** The plans of the tiles to run, with their binned sums (on the executors). */
    JavaRDD<TilePlan> toRun() {
        return plans.filter(TilePlan::runs);
    }

    /** Every tile's plan without its binned sums (on the driver), in no particular order. */
    List<TilePlan> summaries() {
        return summaries;
    }

    /** Ids of the tiles to sample, sorted: a tile's index here places its chain tasks. */
    List<String> runIds() {
        return runIds;
    }

    /** The reports of the tiles settled without sampling (up to date, too few galaxies, failed to plan). */
    List<TileReport> settledReports() {
        List<TileReport> reports = new ArrayList<>();
        for (TilePlan p : summaries) {
            if (!p.runs()) {
                reports.add(p.settledReport());
            }
        }
        return reports;
    }

    /**
     * A single-tile run (an explicit centre, or {@code --tiling single}) whose tile would not be
     * mapped is an error, not an empty success: it names the tile, the galaxies found and the fix.
     */
    void requireMapped(JobSpec spec, ReadTotals totals) {
        if (!TilingResolver.isSingleTile(spec.tiling())) {
            return;
        }
        Tile tile = spec.tiling().tile(TilingResolver.SINGLE_TILE_ID).orElseThrow();
        long galaxies = summaries.stream().mapToLong(TilePlan::galaxies).sum();
        if (summaries.isEmpty() || summaries.get(0).decision() == TileDecision.TOO_FEW_GALAXIES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %s of the %d usable catalog rows%s;"
                    + " check the centre (RA,Dec in degrees), the size and pixel, or the RA/Dec column mapping", tile,
                    galaxies == 0 ? "none" : galaxies + " (fewer than job.min-galaxies=" + spec.minGalaxies() + ")", totals.rowsKept(),
                    totals.rowsRead() > totals.rowsKept() ? " (" + (totals.rowsRead() - totals.rowsKept()) + " more rows dropped)" : ""));
        }
    }

    /** Tells the console how many tiles there are and what becomes of them. */
    void report(JobSpec spec, PrintWriter console) {
        console.printf(Locale.ROOT, "%d tile(s): %d to sample (%d chains each), %d up to date, %d with too few galaxies%n",
                summaries.size(), runIds.size(), spec.sampler().chains(), count(TileDecision.UP_TO_DATE),
                count(TileDecision.TOO_FEW_GALAXIES));
    }

    /** Drops the persisted plans. */
    void unpersist() {
        plans.unpersist();
    }

    private long count(TileDecision d) {
        return summaries.stream().filter(p -> p.decision() == d).count();
    }
}
