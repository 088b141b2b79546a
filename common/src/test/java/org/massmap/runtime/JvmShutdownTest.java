package org.massmap.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** A running JVM is not shutting down (the other answer is checked in a child JVM by spark-jobs' InterruptTest). */
class JvmShutdownTest {
    @Test
    void aRunningJvmIsNotShuttingDown() {
        assertFalse(JvmShutdown.inProgress());
        assertFalse(JvmShutdown.inProgress(), "asking again gives the same answer");
    }
}
