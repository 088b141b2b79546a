package org.massmap.spark.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The running value of one long accumulator on the driver, including what running tasks have added
 * so far: Spark merges a task's additions into the accumulator only when the task ends, but each
 * executor's heartbeat (every {@code spark.executor.heartbeatInterval}, 10 s by default) carries
 * the current values of its running tasks' accumulators. A listener keeps the latest value per
 * running task and forgets it when the task ends (its value is then in the accumulator). For
 * progress lines only: the value may briefly count a finished task twice. Register it with
 * {@code SparkContext.addSparkListener} and remove it after the job.
 */
final class LiveAccumulator extends SparkListener {
    private final LongAccumulator accumulator;
    private final Map<Long, Long> running = new ConcurrentHashMap<>();

    LiveAccumulator(LongAccumulator accumulator) {
        this.accumulator = accumulator;
    }

    /** The accumulator's value plus the latest values reported by running tasks. */
    long value() {
        long sum = accumulator.value();
        for (long v : running.values()) {
            sum += v;
        }
        return sum;
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        Seq<Tuple4<Object, Object, Object, Seq<AccumulableInfo>>> tasks = update.accumUpdates();
        for (Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task : JavaConverters.seqAsJavaList(tasks)) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(task._4())) {
                if (info.id() == accumulator.id() && info.update().isDefined() && info.update().get() instanceof Number n) {
                    running.put((Long) task._1(), n.longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
    }
}
