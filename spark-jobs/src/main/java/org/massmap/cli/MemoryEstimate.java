package org.massmap.cli;

import java.util.Locale;
import java.util.Map;

/**
 * A rough lower bound of the memory one task needs for a tile, checked before any work so that an
 * impossible map size is refused with the numbers and the fix instead of an OutOfMemoryError after
 * minutes. Counted in maps of size² doubles (8 bytes a pixel): per annealed-HMC chain about
 * {@value #MAPS_PER_CHAIN} (state, momentum, gradients, complex FFT buffers, prior and noise), the
 * gathered samples of a tile (one per chain) and about {@value #PRODUCT_MAPS} product maps
 * (binned shear and noise, mean, std, quantiles, Kaiser-Squires, Wiener).
 *
 * @param bytes     the estimate, bytes
 * @param available the memory a task may use, bytes
 * @param what      what the estimate is for, e.g. "a 16384² tile with 2 chains"
 */
record MemoryEstimate(long bytes, long available, String what) {
    static final int MAPS_PER_CHAIN = 24;
    static final int PRODUCT_MAPS = 16;

    /** For {@code sample}: {@code chainsPerTask} chains at once, {@code chains} samples gathered per tile. */
    static MemoryEstimate sample(int size, int chains, int chainsPerTask, String master, Map<String, String> sparkConf) {
        long map = 8L * size * size;
        long bytes = map * ((long) Math.min(chains, chainsPerTask) * MAPS_PER_CHAIN + chains + PRODUCT_MAPS);
        return new MemoryEstimate(bytes, available(master, sparkConf), String.format(Locale.ROOT, "a %d² tile with %d chains", size, chains));
    }

    /** For a single-machine map ({@code ks}, {@code wiener}): the product maps alone. */
    static MemoryEstimate singleMap(int size) {
        return new MemoryEstimate(8L * size * size * PRODUCT_MAPS, Runtime.getRuntime().maxMemory(),
                String.format(Locale.ROOT, "a %d² map", size));
    }

    /**
     * The heap a task may use: this JVM's in local mode (the driver runs the tasks), else
     * spark.executor.memory (Spark's default 1g).
     */
    static long available(String master, Map<String, String> sparkConf) {
        if (master.isEmpty() || master.startsWith("local")) {
            return Runtime.getRuntime().maxMemory();
        }
        return parseBytes(sparkConf.getOrDefault("spark.executor.memory", "1g"));
    }

    /** Bytes of a JVM memory string such as 4g, 512m, 2048k (bytes without a suffix). */
    static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1;
        };
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Long.parseLong(digits) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("spark.executor.memory '" + text + "' is not a memory size such as 4g or 512m", e);
        }
    }

    /** Refuses, naming the numbers and the fixes, when the estimate exceeds what a task may use. */
    void require() {
        if (bytes > available) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s needs at least %.1f GB of memory per task but %.1f GB is"
                    + " available; lower map.size (--size) or cover the field with more, smaller tiles (--tiling survey), lower"
                    + " sampler.chains or sampler.batch-size, or give the tasks more memory (-Xmx in local mode, spark.executor.memory"
                    + " on a cluster)", what, bytes / 1e9, available / 1e9));
        }
    }
}
