package org.massmap.runtime;

/**
 * Whether the JVM has begun its shutdown (Ctrl-C, SIGTERM, {@code System.exit}). The JVM refuses
 * new shutdown hooks from the moment its shutdown begins, before any hook runs, so the answer never
 * lags behind a hook: what a hook makes fail (a cancelled Spark job, an interrupted wait) is always
 * seen as part of the shutdown, and a hook is never unregistered after the shutdown began.
 */
public final class JvmShutdown {
    private JvmShutdown() {
    }

    public static boolean inProgress() {
        Thread probe = new Thread(() -> { }, "massmap-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }
}
