package org.massmap.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;

/**
 * Progress counted as it happens: a running task's additions reach the driver with the executor's
 * heartbeats, before the task ends (when Spark merges them into the accumulator), so the progress
 * line moves while a batch of chains runs.
 */
@SharedSpark.Settings({"spark.executor.heartbeatInterval=200ms"})
class LiveProgressTest extends SharedSpark {

    @Test
    void runningTasksReportTheirCountsBeforeTheyEnd() throws Exception {
        LongAccumulator counted = jsc.sc().longAccumulator("chain iterations");
        LiveAccumulator live = new LiveAccumulator(counted);
        jsc.sc().addSparkListener(live);
        try {
            CompletableFuture<List<Integer>> job = CompletableFuture.supplyAsync(() -> jsc.parallelize(List.of(1, 2), 2).map(x -> {
                for (int i = 0; i < 30; i++) {
                    counted.add(1);
                    Thread.sleep(100);
                }
                return x;
            }).collect());
            long seenWhileRunning = 0;
            long mergedWhileRunning = -1;
            for (int i = 0; i < 40 && !job.isDone(); i++) {
                Thread.sleep(100);
                long merged = counted.value();
                long seen = live.value();
                if (seenWhileRunning == 0 && seen > 0 && !job.isDone()) { // the first live report
                    seenWhileRunning = seen;
                    mergedWhileRunning = merged;
                }
            }
            job.get();
            assertTrue(seenWhileRunning > 0, "the running tasks' counts reached the driver before they ended");
            assertEquals(0, mergedWhileRunning, "without the heartbeats the driver would have seen nothing yet");
            Thread.sleep(300); // the task-end events reach the listener
            assertEquals(60, counted.value());
            assertEquals(60, live.value(), "after the tasks end, only the merged value counts");
        } finally {
            jsc.sc().removeSparkListener(live);
        }
    }

    @Test
    void progressLineShowsIterationShareAndEta() {
        assertEquals("  tiles 1/4, chains 16/64, iterations 25%, 100 s elapsed, ETA 300 s", Progress.line(1, 4, 16, 64, 250, 1000, 100));
        assertEquals("  tiles 0/4, chains 0/64, iterations 0%, 5 s elapsed", Progress.line(0, 4, 0, 64, 0, 1000, 5));
        assertEquals("  tiles 4/4, chains 64/64, iterations 100%, 400 s elapsed", Progress.line(4, 4, 64, 64, 1000, 1000, 400));
    }
}
