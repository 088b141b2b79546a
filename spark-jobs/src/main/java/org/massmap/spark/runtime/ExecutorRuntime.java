package org.massmap.spark.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.massmap.pipeline.PriorModel;
import org.massmap.runtime.ThreadSettings;

/**
 * Per-executor-JVM state, initialised lazily by the first task that needs it and then shared by
 * every task of the JVM: thread settings sized to the task's cores, and one instance of each prior
 * model (the score network is loaded once per executor, never shipped in a closure). This is the
 * project's one deliberate static cache: Spark gives no other per-JVM hook.
 */
public final class ExecutorRuntime {
    private static final ConcurrentHashMap<String, PriorModel> MODELS = new ConcurrentHashMap<>();

    private ExecutorRuntime() {
    }

    /** Cores one task may use (spark.task.cpus; 1 outside a task). */
    public static int taskCores() {
        TaskContext tc = TaskContext.get();
        return tc == null ? 1 : Math.max(1, tc.cpus());
    }

    /**
     * Sets the FFT and ND4J/BLAS threads of this JVM to the task's cores (idempotent), and, on a GPU
     * executor, binds the calling task thread to the GPU Spark assigned to the task (ND4J keeps the
     * device per thread; on the CPU backend this is a no-op).
     */
    public static void configureThreads() {
        int cores = taskCores();
        ThreadSettings.configure(cores);
        org.massmap.model.Nd4jRuntime.configureThreads(cores);
        java.util.OptionalInt gpu = TaskGpus.device();
        if (gpu.isPresent() && org.nd4j.linalg.factory.Nd4j.getAffinityManager().getNumberOfDevices() > 1) {
            org.nd4j.linalg.factory.Nd4j.getAffinityManager().unsafeSetDevice(gpu.getAsInt());
        }
    }

    /**
     * The JVM's instance of the prior model with this key (a model path and checksum), loading it
     * with {@code loader} the first time.
     */
    public static PriorModel prior(String key, Supplier<PriorModel> loader) {
        return MODELS.computeIfAbsent(key, k -> loader.get());
    }
}
