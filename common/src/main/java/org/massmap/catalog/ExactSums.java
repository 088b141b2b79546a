package org.massmap.catalog;

import java.io.Serializable;

/**
 * An array of exact sums of doubles: each sum is a 128-bit two's-complement fixed-point number with
 * 64 integer and 64 fraction bits, so addition is exact and associative and the result has the same
 * bits whatever order terms and partial sums arrive in (Spark tasks merge in arbitrary order).
 * A term is truncated towards zero to a multiple of 2^-64 (a change below 10^-19); terms of
 * magnitude 2^63 or more are refused. Mutable; confine an instance to one thread.
 */
final class ExactSums implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final double TWO_POW_M64 = 0x1p-64;

    /** hi, lo pairs: value = hi + unsigned(lo)·2^-64. */
    private final long[] words;

    ExactSums(int length) {
        this.words = new long[2 * length];
    }

    int length() {
        return words.length / 2;
    }

    /** Adds {@code x} to sum {@code i}. */
    void add(int i, double x) {
        if (x == 0) {
            return;
        }
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        if (exponent == 0x7ff) {
            throw new IllegalArgumentException("cannot sum a non-finite value: " + x);
        }
        if (exponent == 0) {
            return; // subnormal: below 2^-1022, far below the 2^-64 resolution
        }
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        int shift = exponent - 1075 + 64; // |x|·2^64 = mantissa·2^shift
        long hi;
        long lo;
        if (shift >= 0) {
            if (shift > 73) {
                throw new IllegalArgumentException("value too large to sum exactly: " + x);
            }
            hi = shift >= 64 ? mantissa << (shift - 64) : (shift == 0 ? 0 : mantissa >>> (64 - shift));
            lo = shift >= 64 ? 0 : mantissa << shift;
        } else {
            hi = 0;
            lo = -shift >= 53 ? 0 : mantissa >>> -shift;
        }
        if (bits < 0) { // two's-complement negation of (hi, lo)
            lo = ~lo + 1;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        addWords(2 * i, hi, lo);
    }

    /** Adds every sum of {@code other} (same length) into this one. */
    void addAll(ExactSums other) {
        if (other.words.length != words.length) {
            throw new IllegalArgumentException("cannot merge sums of different lengths");
        }
        for (int k = 0; k < words.length; k += 2) {
            addWords(k, other.words[k], other.words[k + 1]);
        }
    }

    private void addWords(int k, long hi, long lo) {
        long sumLo = words[k + 1] + lo;
        long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
        words[k + 1] = sumLo;
        words[k] = words[k] + hi + carry;
    }

    /** Sum {@code i} as the nearest double. */
    double value(int i) {
        long hi = words[2 * i];
        long lo = words[2 * i + 1];
        double unsignedLo = (double) (lo >>> 1) * 2.0 + (lo & 1);
        return hi + unsignedLo * TWO_POW_M64;
    }

    /** All sums as doubles. */
    double[] values() {
        double[] v = new double[length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
        }
        return v;
    }
}
