package org.massmap.runtime;

import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * The single place where the JTransforms thread count is set. JTransforms keeps it as a global
 * (it parallelises 2-D transforms above 65,536 elements on its own pool); when the caller already
 * runs one chain batch per core, a transform must stay on its own thread or the cores are
 * oversubscribed. Call {@link #configure(int)} once per JVM (the CLI at start-up, each Spark
 * executor from its initialiser) with the number of cores one task may use.
 */
public final class ThreadSettings {
    private static int configured;

    private ThreadSettings() {
    }

    /**
     * Sets the number of threads one FFT may use. Idempotent for the same value; a later different
     * value wins (it is a process-wide setting) and is returned by {@link #fftThreads()}.
     */
    public static synchronized void configure(int threadsPerTask) {
        if (threadsPerTask < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, got " + threadsPerTask);
        }
        if (configured != threadsPerTask) {
            ConcurrencyUtils.setNumberOfThreads(threadsPerTask);
            configured = threadsPerTask;
        }
    }

    /** Threads one FFT may use (0 before {@link #configure(int)} was called: the library default). */
    public static synchronized int fftThreads() {
        return configured;
    }
}
