package org.massmap.sampling;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Per-chain seeds that depend only on (run seed, tile id, chain index), so a retried task or a
 * differently partitioned run reproduces every chain exactly. The tile id is hashed with 64-bit
 * FNV-1a of its UTF-8 bytes, and the three values are combined with SplitMix64 finalisers.
 */
public final class ChainSeeds {
    private ChainSeeds() {
    }

    /** The seed of one chain. */
    public static long seed(long runSeed, String tileId, int chainIndex) {
        long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ fnv1a(tileId));
        return mix(h ^ (0xD1B54A32D192ED03L * (chainIndex + 1L)));
    }

    /** A generator for one chain. */
    public static SplittableRandom generator(long runSeed, String tileId, int chainIndex) {
        return new SplittableRandom(seed(runSeed, tileId, chainIndex));
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
