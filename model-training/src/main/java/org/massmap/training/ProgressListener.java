package org.massmap.training;

/**
 * Receives {@link TrainingProgress} every {@code progressEvery} steps and at the end. An exception
 * thrown here stops the run (the last checkpoint stays valid).
 */
@FunctionalInterface
public interface ProgressListener {
    void onProgress(TrainingProgress progress);

    /** A listener that ignores reports. */
    static ProgressListener none() {
        return p -> { };
    }
}
