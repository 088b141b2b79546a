package org.massmap.spark.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.Partitioner;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Stage 4 of the survey job: one task per (tile, batch of chains) running annealed HMC with the
 * executor's model ({@link ChainRunner}). Each task is one partition, placed by (tile index,
 * batch) only, so where a chain runs never depends on the cluster. Lazy: the publishing stage's
 * action runs it.
 *
 * @param batches         tile id → one task's chains
 * @param chainsDone      chains finished so far (for the progress line)
 * @param chainsTotal     chains to run in all
 * @param iterationsDone  HMC iterations done so far over all chains, added as they happen
 * @param iterationsTotal HMC iterations of all chains (a bound for the adaptive schedule)
 */
record SamplingStage(JavaPairRDD<String, ChainBatch> batches, LongAccumulator chainsDone, long chainsTotal,
        LongAccumulator iterationsDone, long iterationsTotal) {

    static SamplingStage sample(JavaSparkContext jsc, PlanningStage plans, Broadcast<JobSpec> spec,
            Broadcast<SerializableWritable<Configuration>> hadoop) {
        List<String> runIds = plans.runIds();
        HashMap<String, Integer> index = new HashMap<>();
        for (int i = 0; i < runIds.size(); i++) {
            index.put(runIds.get(i), i);
        }
        Broadcast<HashMap<String, Integer>> indexB = jsc.broadcast(index);
        int chains = spec.value().sampler().chains();
        int perTask = spec.value().chainsPerTask();
        int groups = (chains + perTask - 1) / perTask;
        int taskCount = Math.max(1, runIds.size() * groups);
        LongAccumulator chainsDone = jsc.sc().longAccumulator("chains done");
        LongAccumulator iterationsDone = jsc.sc().longAccumulator("chain iterations");
        JavaPairRDD<Integer, ChainTask> tasks = plans.toRun().flatMapToPair(p -> {
            List<Tuple2<Integer, ChainTask>> out = new ArrayList<>();
            int tileIndex = indexB.value().get(p.tile().id());
            int total = spec.value().sampler().chains();
            int b = spec.value().chainsPerTask();
            for (int g = 0, first = 0; first < total; g++, first += b) {
                out.add(new Tuple2<>(tileIndex * ((total + b - 1) / b) + g, new ChainTask(p, first, Math.min(b, total - first))));
            }
            return out.iterator();
        }).partitionBy(new IndexPartitioner(taskCount));
        JavaPairRDD<String, ChainBatch> batches = tasks.mapToPair(task -> {
            ChainBatch b = ChainRunner.run(spec.value(), task._2, hadoop.value().value(), iterationsDone);
            chainsDone.add(task._2.count());
            return new Tuple2<>(b.tileId(), b);
        });
        long chainsTotal = (long) runIds.size() * chains;
        return new SamplingStage(batches, chainsDone, chainsTotal, iterationsDone,
                chainsTotal * spec.value().sampler().schedule().iterationBound());
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
