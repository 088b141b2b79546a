package org.massmap.spark.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskGpus} off a task (the driver, a CPU-only run) and its reading of addresses. Tasks that
 * Spark gives GPUs are in org.massmap.spark.cluster.StandaloneClusterJobTest.
 */
class TaskGpusTest {

    @Test
    void outsideATaskThereIsNoGpu() {
        assertEquals(List.of(), TaskGpus.addresses());
        assertTrue(TaskGpus.device().isEmpty());
        assertEquals("", TaskGpus.cudaVisibleDevices());
    }

    @Test
    void addressesAreCudaOrdinals() {
        assertEquals(0, TaskGpus.ordinal("0"));
        assertEquals(3, TaskGpus.ordinal(" 3 "));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGpus.ordinal("GPU-5b1c"));
        assertTrue(e.getMessage().contains("'GPU-5b1c'") && e.getMessage().contains("discoveryScript"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TaskGpus.ordinal("-1"));
    }
}
