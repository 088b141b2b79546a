package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Stage 5 of the survey job: gathers each tile's chain batches on one executor, which summarises
 * and commits the tile ({@link TilePublisher}, current.json last). This stage's action runs the
 * sampling; a progress line tells the console how far it is. The driver receives one small report
 * per tile.
 */
final class PublishingStage {
    private PublishingStage() {
    }

    /** Every tile's report, by tile id: the sampled tiles' as published, the others' as planned. */
    static List<TileReport> publish(JavaSparkContext jsc, PlanningStage plans, SamplingStage sampling, Broadcast<JobSpec> spec,
            Broadcast<SerializableWritable<Configuration>> hadoop, PrintWriter console) {
        int tiles = plans.runIds().size();
        LongAccumulator tilesDone = jsc.sc().longAccumulator("tiles done");
        JavaPairRDD<String, TilePlan> toRun = plans.toRun().mapToPair(p -> new Tuple2<>(p.tile().id(), p));
        List<TileReport> reports = new ArrayList<>();
        LiveAccumulator iterations = new LiveAccumulator(sampling.iterationsDone());
        jsc.sc().addSparkListener(iterations);
        try (Progress progress = new Progress(console, sampling.chainsDone()::value, sampling.chainsTotal(), iterations::value,
                sampling.iterationsTotal(), tilesDone::value, tiles, 10)) {
            reports.addAll(toRun.join(sampling.batches().groupByKey()).map(p -> {
                TileReport r = TilePublisher.publish(spec.value(), p._2._1, p._2._2, hadoop.value().value());
                tilesDone.add(1);
                return r;
            }).collect());
        } finally {
            jsc.sc().removeSparkListener(iterations);
        }
        reports.addAll(plans.settledReports());
        reports.sort(Comparator.comparing(TileReport::tileId));
        return reports;
    }
}
