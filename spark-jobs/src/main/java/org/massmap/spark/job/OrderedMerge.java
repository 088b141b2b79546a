package org.massmap.spark.job;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges partial values per key in a fixed order, so that floating-point sums are the same bits
 * on every run. {@code reduceByKey} merges in the order shuffle blocks arrive, which on a cluster
 * depends on which executor ran what and when: sums over three or more partials then differ in
 * the last bits from run to run, and annealed HMC amplifies such differences into different
 * samples. Here each partial carries an ordinal (e.g. its split's partition index); partials are
 * shuffled by key, sorted by (key, ordinal) within each partition, and folded left in that order.
 */
final class OrderedMerge {
    private OrderedMerge() {
    }

    /**
     * The partials of each key folded in increasing ordinal: {@code merge(merge(p0, p1), p2)...}.
     *
     * @param partials   values keyed by (key, ordinal); ordinals of one key are distinct
     * @param partitions partitions of the result
     */
    static <V> JavaPairRDD<String, V> byKey(JavaPairRDD<Tuple2<String, Integer>, V> partials, int partitions,
            Function2<V, V, V> merge) {
        return partials.repartitionAndSortWithinPartitions(new KeyPartitioner(partitions), new KeyThenOrdinal())
                .mapPartitionsToPair(sorted -> new Runs<>(sorted, merge));
    }

    /** Partitions (key, ordinal) by the key alone, so that all partials of a key meet. */
    static final class KeyPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;

        KeyPartitioner(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
            }
            this.partitions = partitions;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            @SuppressWarnings("unchecked")
            Tuple2<String, Integer> k = (Tuple2<String, Integer>) key;
            return Math.floorMod(k._1().hashCode(), partitions); // String.hashCode is the same in every JVM
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeyPartitioner p && p.partitions == partitions;
        }

        @Override
        public int hashCode() {
            return partitions;
        }
    }

    /** Orders (key, ordinal) by key, then ordinal. */
    static final class KeyThenOrdinal implements Comparator<Tuple2<String, Integer>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Integer> a, Tuple2<String, Integer> b) {
            int c = a._1().compareTo(b._1());
            return c != 0 ? c : Integer.compare(a._2(), b._2());
        }
    }

    /** Folds each run of equal keys of a sorted stream into one (key, value), lazily. */
    private static final class Runs<V> implements Iterator<Tuple2<String, V>> {
        private final Iterator<Tuple2<Tuple2<String, Integer>, V>> sorted;
        private final Function2<V, V, V> merge;
        private Tuple2<Tuple2<String, Integer>, V> next;

        Runs(Iterator<Tuple2<Tuple2<String, Integer>, V>> sorted, Function2<V, V, V> merge) {
            this.sorted = sorted;
            this.merge = merge;
            this.next = sorted.hasNext() ? sorted.next() : null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Tuple2<String, V> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            String key = next._1()._1();
            V value = next._2();
            next = null;
            while (sorted.hasNext()) {
                Tuple2<Tuple2<String, Integer>, V> t = sorted.next();
                if (!t._1()._1().equals(key)) {
                    next = t;
                    break;
                }
                try {
                    value = merge.call(value, t._2());
                } catch (Exception e) {
                    throw new IllegalStateException("merging the partials of " + key + " failed: " + e.getMessage(), e);
                }
            }
            return new Tuple2<>(key, value);
        }
    }
}
