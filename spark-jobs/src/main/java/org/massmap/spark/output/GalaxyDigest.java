package org.massmap.spark.output;

import java.io.Serializable;
import java.util.Locale;
import org.massmap.catalog.GalaxyChunk;

/**
 * An order-independent digest of a multiset of galaxies (RA, Dec, e1, e2, w as the catalog
 * readers hand them out), for tile fingerprints: galaxies reach a tile from many Spark partitions
 * in any order, so the digest must not depend on order or on how they were split.
 *
 * <p><b>Definition.</b> Each galaxy is hashed to two 64-bit values h_A, h_B: the IEEE-754 bits of
 * its five doubles (−0.0 taken as +0.0, NaN canonical) are folded in order through
 * h ← fmix64(h + bits + φ) from the lane seeds A and B, where fmix64 is the 64-bit finalisation of
 * MurmurHash3 (a bijection with full avalanche) and φ = 0x9E3779B97F4A7C15. The digest is
 * (n, Σ h_A mod 2^64, Σ h_B mod 2^64). Addition is commutative and associative, so the digest of a
 * set does not depend on order and partial digests {@link #merge} exactly; a galaxy listed twice
 * counts twice (a multiset).
 *
 * <p><b>Collisions.</b> If the per-galaxy hashes behave as independent random 64-bit values, two
 * different multisets of the same size collide in both sums with probability about 2^-128 (2^-64
 * per lane); different sizes never collide. This detects accidental changes (a galaxy added,
 * removed or altered in any bit of any field); it is not a cryptographic commitment: someone who
 * wants a collision can construct one far faster than 2^64 work (additive multiset hashes fall to
 * generalised-birthday attacks), which does not matter for change detection.
 *
 * <p>Serializable, mutable and not thread-safe: one digest per task, merged afterwards.
 */
public final class GalaxyDigest implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long SEED_A = 0x6d6173736d617041L; // "massmapA"
    private static final long SEED_B = 0x6d6173736d617042L; // "massmapB"
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private long count;
    private long sumA;
    private long sumB;

    /** Adds one galaxy: position in degrees, sky-convention ellipticity, weight. */
    public void add(double raDeg, double decDeg, double e1, double e2, double w) {
        long a = bits(raDeg);
        long b = bits(decDeg);
        long c = bits(e1);
        long d = bits(e2);
        long e = bits(w);
        sumA += lane(SEED_A, a, b, c, d, e);
        sumB += lane(SEED_B, a, b, c, d, e);
        count++;
    }

    /** Adds the valid galaxies of a chunk. */
    public void addAll(GalaxyChunk chunk) {
        for (int i = 0; i < chunk.size(); i++) {
            add(chunk.ra()[i], chunk.dec()[i], chunk.e1()[i], chunk.e2()[i], chunk.w()[i]);
        }
    }

    /** Adds the galaxies digested by {@code other} (a disjoint part of the same set); returns this. */
    public GalaxyDigest merge(GalaxyDigest other) {
        count += other.count;
        sumA += other.sumA;
        sumB += other.sumB;
        return this;
    }

    /** Number of galaxies digested. */
    public long count() {
        return count;
    }

    /** The canonical text of the digest, {@code n:SUMA:SUMB} with the sums in 16 hex digits. */
    public String canonical() {
        return String.format(Locale.ROOT, "%d:%016x:%016x", count, sumA, sumB);
    }

    private static long bits(double v) {
        return v == 0 ? 0L : Double.doubleToLongBits(v); // +0.0 and -0.0 are the same value
    }

    private static long lane(long seed, long a, long b, long c, long d, long e) {
        long h = fmix64(seed + a + PHI);
        h = fmix64(h + b + PHI);
        h = fmix64(h + c + PHI);
        h = fmix64(h + d + PHI);
        return fmix64(h + e + PHI);
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GalaxyDigest g && g.count == count && g.sumA == sumA && g.sumB == sumB;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sumA) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "GalaxyDigest[" + canonical() + "]";
    }
}
