package org.massmap.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.TaskContext;
import org.junit.jupiter.api.Test;

/**
 * The Ctrl-C hook of a survey job on local[2], run by hand: it cancels a running job (its tasks see
 * themselves killed), leaves the context usable for Spark's own hook, does nothing on an idle
 * context, and is registered until closed. Its wait for the chains of a real survey job is in
 * {@link OutputGuaranteeTest}.
 */
class CancelJobsOnShutdownTest extends SharedSpark {
    /** Tasks of this JVM inside {@link #untilKilled} (local mode: the executor is this JVM). */
    static final AtomicInteger RUNNING = new AtomicInteger();

    static int untilKilled(int x) throws InterruptedException {
        RUNNING.incrementAndGet();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!TaskContext.get().isInterrupted() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return x;
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    @Test
    void theHookCancelsTheRunningJobAndItsTasksSeeThemselvesKilled() throws Exception {
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try {
            Future<List<Integer>> job = driver.submit(() -> jsc.parallelize(List.of(1, 2), 2).map(CancelJobsOnShutdownTest::untilKilled)
                    .collect());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (RUNNING.get() < 2) {
                assertTrue(System.nanoTime() < deadline, "the tasks did not start");
                Thread.sleep(20);
            }
            StringWriter console = new StringWriter();
            new CancelJobsOnShutdown(jsc, new PrintWriter(console, true)).run();
            assertTrue(console.toString().startsWith("interrupted: Spark jobs cancelled in "), console.toString());
            ExecutionException e = assertThrows(ExecutionException.class, () -> job.get(30, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("cancel"), e.getCause().toString());
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (RUNNING.get() > 0) {
                assertTrue(System.nanoTime() < deadline, "the killed tasks did not end");
                Thread.sleep(20);
            }
        } finally {
            driver.shutdownNow();
        }
        // the context is still usable: the hook only cancels jobs (Spark's own hook stops the context)
        assertEquals(List.of(2, 4), jsc.parallelize(List.of(1, 2), 2).map(x -> 2 * x).collect());
    }

    @Test
    void onAnIdleContextTheHookDoesNothing() {
        StringWriter console = new StringWriter();
        long t0 = System.nanoTime();
        new CancelJobsOnShutdown(jsc, new PrintWriter(console, true)).run();
        assertEquals("", console.toString());
        assertTrue((System.nanoTime() - t0) * 1e-9 < 1);
    }

    @Test
    void theHookIsRegisteredUntilClosed() {
        CancelJobsOnShutdown hook = CancelJobsOnShutdown.register(jsc, new PrintWriter(new StringWriter()));
        assertTrue(ShutdownHookManager.get().hasShutdownHook(hook));
        hook.close();
        assertFalse(ShutdownHookManager.get().hasShutdownHook(hook));
    }
}
