package org.massmap.survey;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A sparse map pixel index → (Σ w·v, Σ w) with primitive open addressing (no boxing: a survey mosaic
 * has tens of millions of pixels). Serialized as its occupied entries only. Mutable, not thread-safe.
 */
final class PixelSums implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long FREE = -1L; // pixel indices are never negative

    private transient long[] keys;
    private transient double[] sumWv;
    private transient double[] sumW;
    private transient int size;

    PixelSums() {
        allocate(1 << 10);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        sumWv = new double[capacity];
        sumW = new double[capacity];
        size = 0;
    }

    /** Adds w·v and w to {@code pixel} (≥ 0). */
    void add(long pixel, double weightedValue, double weight) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int slot = slot(pixel);
        if (keys[slot] == FREE) {
            keys[slot] = pixel;
            size++;
        }
        sumWv[slot] += weightedValue;
        sumW[slot] += weight;
    }

    /** Adds every entry of {@code other}. */
    void addAll(PixelSums other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != FREE) {
                add(other.keys[i], other.sumWv[i], other.sumW[i]);
            }
        }
    }

    int size() {
        return size;
    }

    /** Occupied pixels in increasing order. */
    long[] sortedPixels() {
        long[] out = new long[size];
        int at = 0;
        for (long k : keys) {
            if (k != FREE) {
                out[at++] = k;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Σ w·v of an occupied pixel. */
    double weightedValue(long pixel) {
        return sumWv[occupied(pixel)];
    }

    /** Σ w of an occupied pixel. */
    double weight(long pixel) {
        return sumW[occupied(pixel)];
    }

    private int occupied(long pixel) {
        int slot = slot(pixel);
        if (keys[slot] != pixel) {
            throw new IllegalArgumentException("pixel " + pixel + " has no sums");
        }
        return slot;
    }

    /** The slot holding {@code pixel}, or the free slot where it would go (linear probing). */
    private int slot(long pixel) {
        int mask = keys.length - 1;
        int i = (int) (mix(pixel) & mask);
        while (keys[i] != FREE && keys[i] != pixel) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long x) { // 64-bit finaliser: neighbouring NESTED indices spread over the table
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldWv = sumWv;
        double[] oldW = sumW;
        allocate(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                add(oldKeys[i], oldWv[i], oldW[i]);
            }
        }
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                out.writeLong(keys[i]);
                out.writeDouble(sumWv[i]);
                out.writeDouble(sumW[i]);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        int n = in.readInt();
        if (n < 0) {
            throw new java.io.InvalidObjectException("negative pixel count " + n);
        }
        allocate(Integer.highestOneBit(Math.max(1 << 10, 2 * n + 1)) << 1);
        for (int i = 0; i < n; i++) {
            add(in.readLong(), in.readDouble(), in.readDouble());
        }
    }
}
