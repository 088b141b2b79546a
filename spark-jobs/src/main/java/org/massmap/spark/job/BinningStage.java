package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.massmap.catalog.CatalogPlausibility;
import org.massmap.spark.io.CatalogSplit;
import scala.Tuple2;

/**
 * Stage 2 of the survey job: bins every catalog split, on executors, into per-tile sums with
 * content digests ({@link SplitBinner}), reduced by tile. The sums are exact (ExactSums, mod-2^64
 * digests, integer counts), so merging partials in any order gives the same bits: results do not
 * depend on partitioning. The tasks also count the rows they read and note the splits they could
 * not read; those counts are complete once an action has run over {@link #perTile()} (the
 * planning stage's).
 */
final class BinningStage {
    private final JavaPairRDD<String, TileBinning> perTile;
    private final CollectionAccumulator<InputProblem> problems;
    private final CollectionAccumulator<ReadTotals> totals;
    private final CollectionAccumulator<CatalogPlausibility> plausibility;

    private BinningStage(JavaPairRDD<String, TileBinning> perTile, CollectionAccumulator<InputProblem> problems,
            CollectionAccumulator<ReadTotals> totals, CollectionAccumulator<CatalogPlausibility> plausibility) {
        this.perTile = perTile;
        this.problems = problems;
        this.totals = totals;
        this.plausibility = plausibility;
    }

    /** The binning of {@code splits} into the tiles of {@code spec} (lazy: nothing runs until an action). */
    static BinningStage bin(JavaSparkContext jsc, JavaRDD<CatalogSplit> splits, Broadcast<JobSpec> spec,
            Broadcast<SerializableWritable<Configuration>> hadoop) {
        CollectionAccumulator<InputProblem> inputProblems = jsc.sc().collectionAccumulator("input problems");
        CollectionAccumulator<ReadTotals> readTotals = jsc.sc().collectionAccumulator("rows read");
        CollectionAccumulator<CatalogPlausibility> plausibility = jsc.sc().collectionAccumulator("catalog plausibility");
        JavaPairRDD<String, TileBinning> perTile = splits.mapPartitionsToPair(it -> {
            JobSpec s = spec.value();
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
        return new BinningStage(perTile, inputProblems, readTotals, plausibility);
    }

    /** Tile id → its galaxies' sums and digest. */
    JavaPairRDD<String, TileBinning> perTile() {
        return perTile;
    }

    /**
     * What the tasks read.
     *
     * @param problems the unreadable files and the splits the tasks could not read, one per (file, first row), by file and row
     * @param totals   the rows read, over every task
     */
    record ReadSummary(List<InputProblem> problems, ReadTotals totals) {
    }

    /**
     * What was read, once an action has run over {@link #perTile()}, with {@code unreadable} (the
     * files discovery could not split) among the problems. Tells the console: a warning per
     * problem, the catalog rows read, used and dropped, a warning when rows were dropped, and when
     * the catalogs as a whole look implausible (percent ellipticities, radians).
     */
    ReadSummary summarize(List<InputProblem> unreadable, PrintWriter console) {
        List<InputProblem> all = new ArrayList<>(unreadable);
        all.addAll(problems.value());
        ReadSummary read = new ReadSummary(dedupe(all), totals.value().stream().reduce(ReadTotals.ZERO, ReadTotals::plus));
        report(read, console);
        return read;
    }

    private void report(ReadSummary read, PrintWriter console) {
        for (InputProblem p : read.problems()) {
            console.println("warning: catalog " + p.uri() + (p.endRow() < 0 ? "" : " rows " + (p.startRow() + 1) + " to " + p.endRow()
                    + " (counting from 1)") + " skipped: " + p.reason());
        }
        ReadTotals t = read.totals();
        console.printf(Locale.ROOT, "read %d catalog rows: %d usable, %d dropped for NaN/inf values, %d for zero weight;"
                + " %d usable rows outside every tile%n", t.rowsRead(), t.rowsKept(), t.droppedNonFinite(), t.droppedZeroWeight(),
                t.outsideAllTiles());
        if (t.droppedNonFinite() + t.droppedZeroWeight() > 0) {
            console.printf(Locale.ROOT, "warning: %d catalog rows were not used (see \"rows\" in the run manifest)%n",
                    t.droppedNonFinite() + t.droppedZeroWeight());
        }
        CatalogPlausibility catalogs = new CatalogPlausibility();
        plausibility.value().forEach(catalogs::merge);
        catalogs.warnings().forEach(w -> console.println("warning: " + w));
    }

    /** One problem per (file, first row), sorted by that key. */
    private static List<InputProblem> dedupe(List<InputProblem> problems) {
        Map<String, InputProblem> unique = new TreeMap<>();
        for (InputProblem p : problems) {
            unique.putIfAbsent(p.uri() + "#" + p.startRow(), p);
        }
        return new ArrayList<>(unique.values());
    }
}
