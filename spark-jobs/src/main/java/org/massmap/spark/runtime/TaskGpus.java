package org.massmap.spark.runtime;

import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPUs Spark's resource scheduler assigned to the running task
 * ({@code spark.executor.resource.gpu.amount}, {@code spark.task.resource.gpu.amount}; the addresses
 * come from the discovery script, deploy/gpu/discover-gpus.sh, and are CUDA device ordinals).
 * A task that runs ND4J on CUDA must bind its thread to {@link #device()} before its first
 * operation, e.g. {@code Nd4j.getAffinityManager().unsafeSetDevice(ordinal)}: the executor JVM may
 * see every GPU of its host, and ND4J would otherwise spread threads over all of them
 * (deploy/README.md, "GPU executors"). CPU-safe: outside a task, and for tasks without a GPU,
 * there is nothing, and nothing is loaded.
 */
public final class TaskGpus {
    /** Spark's name of the resource. */
    public static final String RESOURCE = "gpu";

    private TaskGpus() {
    }

    /** Addresses of the current task's GPUs in Spark's order; empty outside a task or without GPUs. */
    public static List<String> addresses() {
        TaskContext tc = TaskContext.get();
        if (tc == null) {
            return List.of();
        }
        ResourceInformation gpus = tc.resourcesJMap().get(RESOURCE);
        return gpus == null ? List.of() : List.of(gpus.addresses());
    }

    /** CUDA ordinal of the task's first GPU, if it has one. */
    public static OptionalInt device() {
        List<String> a = addresses();
        return a.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ordinal(a.get(0)));
    }

    /**
     * The task's GPUs as a {@code CUDA_VISIBLE_DEVICES} value (comma-separated), for a process the
     * task starts; empty string without GPUs. The executor's own JVM cannot change its environment:
     * inside it, use {@link #device()}.
     */
    public static String cudaVisibleDevices() {
        return String.join(",", addresses());
    }

    /** A GPU address as a CUDA device ordinal. */
    static int ordinal(String address) {
        try {
            int d = Integer.parseInt(address.trim());
            if (d < 0) {
                throw new NumberFormatException("negative");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("GPU address '" + address + "' assigned by Spark is not a CUDA device ordinal;"
                    + " make the discovery script (spark.executor.resource.gpu.discoveryScript) report ordinals such as \"0\"", e);
        }
    }
}
