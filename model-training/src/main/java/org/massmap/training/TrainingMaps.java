package org.massmap.training;

import java.util.Random;

/**
 * A source of clean convergence maps for training: a simulator, or maps read from files. Maps are
 * flat row-major ny×nx arrays (index iy·nx + ix) of κ (dimensionless) at {@link #pixelArcmin()}.
 *
 * <p>Contract: {@link #next} draws all its randomness from the generator passed in and keeps no other
 * state that changes its output, so a run is reproducible from its seed and a resumed run continues
 * exactly (e.g. a file-backed source picks a file index with {@code rng.nextInt}). Instances are used
 * from one thread at a time.
 */
public interface TrainingMaps {

    /** Columns of each map. */
    int nx();

    /** Rows of each map. */
    int ny();

    /** Pixel size, arcmin. */
    double pixelArcmin();

    /** The next map; a new array the caller may keep. */
    double[] next(Random rng);
}
