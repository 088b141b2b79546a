package org.massmap.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The one place that changes ND4J's process-wide thread settings (docs/building.md: set thread counts once,
 * in one documented initialiser). Call {@link #configureThreads(int)} once per JVM, before the first
 * network is built: from a CLI's main, or from a Spark executor's first task with the executor's
 * cores (so concurrent tasks do not oversubscribe them). Library classes never call it.
 *
 * <p>ND4J reads {@code OMP_NUM_THREADS} at start-up and otherwise uses every core; this sets the
 * OpenMP pool used by its kernels (libnd4j and oneDNN), its own max-threads settings and the BLAS
 * thread count to the same value. The settings are JVM-wide: a later call with another value (a
 * different job in the same JVM, e.g. training then sampling in tests) replaces them.
 */
public final class Nd4jRuntime {
    private static int configured; // 0 = not yet; guarded by the class lock

    private Nd4jRuntime() {
    }

    /** Sets every ND4J thread count to {@code threads} (≥ 1); idempotent for the same value. */
    public static synchronized void configureThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ND4J threads must be >= 1, got " + threads);
        }
        if (configured == threads) {
            return;
        }
        Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        configured = threads;
    }

    /** ND4J's current OpenMP thread count. */
    public static int ompThreads() {
        Nd4j.getExecutioner();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }
}
