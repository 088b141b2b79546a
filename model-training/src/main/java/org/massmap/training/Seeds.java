package org.massmap.training;

/**
 * Derives independent seeds from a run seed and indices (step, round, partition, stream id) with the
 * SplitMix64 finaliser, so every random draw of a run is a pure function of its coordinates: a
 * resumed run or a retried Spark task repeats it exactly.
 */
public final class Seeds {
    /** Stream id of training batches. */
    public static final long TRAIN = 0x7472_6169_6EL;
    /** Stream id of the held-out validation set. */
    public static final long VALIDATION = 0x7661_6C69_64L;
    /** Stream id of the maps that measure a model's residual linear part ({@link LinearPartFit}). */
    public static final long CALIBRATION = 0x6361_6C69_62L;

    private Seeds() {
    }

    /** A seed for the given coordinates. */
    public static long derive(long seed, long... coordinates) {
        long h = mix(seed);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + 0x9E37_79B9_7F4A_7C15L));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
