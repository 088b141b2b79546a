package org.massmap.spark.training;

import org.massmap.training.Trainer;

/**
 * The executor JVM's one {@link Trainer} (and so its one network) for the current training job,
 * created lazily by the first task that needs it and reused by later tasks and rounds, so the model
 * is never shipped in a closure. Spark offers no executor start-up hook, so this is the project's one
 * JVM-wide mutable holder; it keeps a single job's trainer and replaces it when another job arrives.
 *
 * <p>A Trainer is not thread-safe: tasks running concurrently in one executor (several cores) take
 * turns by synchronising on the instance; each turn runs k full steps, and ND4J already uses all of
 * the executor's cores inside one step (set them with {@code Nd4jRuntime.configureThreads}).
 */
final class ExecutorTrainers {
    private static String jobId; // guarded by the class lock
    private static Trainer trainer; // guarded by the class lock

    private ExecutorTrainers() {
    }

    static synchronized Trainer get(TrainingJob job) {
        if (trainer == null || !job.id().equals(jobId)) {
            trainer = Trainer.create(job.setup(), job.maps().create(), null);
            jobId = job.id();
        }
        return trainer;
    }

    /** Drops the trainer of a finished job so its native memory can be freed. */
    static synchronized void release(String id) {
        if (id.equals(jobId)) {
            trainer = null;
            jobId = null;
        }
    }
}
