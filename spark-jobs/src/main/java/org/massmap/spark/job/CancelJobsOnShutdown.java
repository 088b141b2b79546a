package org.massmap.spark.job;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.api.java.JavaSparkContext;
import org.massmap.runtime.JvmShutdown;
import org.massmap.sampling.PosteriorSampler;

/**
 * The Ctrl-C hook of a running survey job: on JVM shutdown (SIGINT, SIGTERM) it cancels the
 * context's jobs, which kills their tasks (chain tasks then stop at their next leapfrog step, see
 * {@link ChainRunner}), and waits up to {@link #WAIT_MILLIS} until the cancellation has been handled
 * and the chains running in this JVM (local mode: the executors' too) have ended, before Spark's own
 * hook stops the context. It says on the console what it did. Without it Spark stops the context
 * under running tasks, whose chains compute on: until the JVM halts in local mode, until the cluster
 * manager ends the executors on a cluster (the kill reaches those through Spark, not this wait).
 *
 * <p>Registered for the duration of {@link SurveyJob#run} (closing removes it, or waits for it once
 * the shutdown has begun) in Hadoop's shutdown-hook manager, which runs hooks one at a time by
 * priority: this one ({@link #PRIORITY}) before Spark's (40, which stops the context) and the output
 * lock's HDFS hook.
 */
final class CancelJobsOnShutdown implements Runnable, AutoCloseable {
    /** Above Spark's shutdown hooks ({@code FileSystem.SHUTDOWN_HOOK_PRIORITY + 30}). */
    static final int PRIORITY = FileSystem.SHUTDOWN_HOOK_PRIORITY + 40;
    /** How long the hook waits (a leapfrog step of a large tile takes far less). */
    static final long WAIT_MILLIS = 10_000;

    private final JavaSparkContext jsc;
    private final PrintWriter console;
    private final CountDownLatch finished = new CountDownLatch(1);

    /** @param console where the hook says what it did (one line, if anything was running) */
    CancelJobsOnShutdown(JavaSparkContext jsc, PrintWriter console) {
        this.jsc = jsc;
        this.console = console;
    }

    /**
     * Registers the hook for {@code jsc} until {@link #close()}.
     *
     * @throws IllegalStateException if the JVM is already shutting down
     */
    static CancelJobsOnShutdown register(JavaSparkContext jsc, PrintWriter console) {
        CancelJobsOnShutdown hook = new CancelJobsOnShutdown(jsc, console);
        ShutdownHookManager.get().addShutdownHook(hook, PRIORITY, WAIT_MILLIS + 5_000, TimeUnit.MILLISECONDS);
        return hook;
    }

    /**
     * Removes the hook; once the JVM's shutdown has begun, waits instead (at most
     * {@link #WAIT_MILLIS} + 2 s) for the hook to finish, so that a job ended by Ctrl-C (its driver
     * thread interrupted, its Spark job cancelled) releases its output and stops its context only
     * after its chains have stopped.
     */
    @Override
    public void close() {
        if (!JvmShutdown.inProgress()) {
            try {
                ShutdownHookManager.get().removeShutdownHook(this);
                return;
            } catch (IllegalStateException e) {
                // the shutdown began meanwhile
            }
        }
        boolean interrupted = Thread.interrupted(); // Ctrl-C interrupts the command's thread: wait all the same
        try {
            finished.await(WAIT_MILLIS + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            cancelAndWait();
        } finally {
            finished.countDown();
        }
    }

    private void cancelAndWait() {
        try {
            if (jsc.sc().isStopped()) {
                return;
            }
            boolean localChains = !chainThreads().isEmpty();
            if (activeJobs() == 0 && !localChains) {
                return;
            }
            long t0 = System.nanoTime();
            jsc.cancelAllJobs();
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            // no active job: the cancellation was handled (the kills are on their way to the executors)
            while ((activeJobs() > 0 || !chainThreads().isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int left = chainThreads().size();
            console.println(left == 0
                    ? String.format(Locale.ROOT, "interrupted: Spark jobs cancelled%s in %.1f s", localChains ? ", chains stopped" : "",
                            (System.nanoTime() - t0) * 1e-9)
                    : String.format(Locale.ROOT, "interrupted: Spark jobs cancelled, but %d chain thread(s) still run after %d s;"
                            + " stopping Spark under them", left, WAIT_MILLIS / 1000));
            console.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the hook manager's timeout: Spark's hook stops the context next
        } catch (IllegalStateException e) {
            // the context was stopped meanwhile: nothing left to cancel
        }
    }

    private int activeJobs() {
        return jsc.sc().statusTracker().getActiveJobIds().length;
    }

    /** The sampler's pool threads alive in this JVM. */
    static List<Thread> chainThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(PosteriorSampler.THREAD_NAME)).toList();
    }
}
