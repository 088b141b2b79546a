package org.massmap.spark.training;

/**
 * Shape of a data-parallel run (immutable, validated).
 *
 * @param partitions       replicas per round (Spark partitions), ≥ 1
 * @param rounds           averaging rounds, ≥ 1
 * @param stepsPerRound    k: minibatches each replica trains between averagings, ≥ 1; every replica
 *                         takes rounds·k optimiser steps, which overrides training.steps so the
 *                         learning-rate schedule spans the whole run
 * @param aggregationDepth depth of Spark's treeAggregate, ≥ 1 (2 suits up to ~100 partitions)
 * @param executorThreads  ND4J threads to set once in each executor JVM before its model is built
 *                         (normally spark.executor.cores), or 0 to leave ND4J's default (all cores)
 */
public record DataParallelConfig(int partitions, int rounds, int stepsPerRound, int aggregationDepth, int executorThreads) {
    public DataParallelConfig {
        if (executorThreads < 0) {
            throw new IllegalArgumentException("executor-threads must be >= 0 (0 = ND4J default), got " + executorThreads);
        }
        if (partitions < 1 || rounds < 1 || stepsPerRound < 1 || aggregationDepth < 1) {
            throw new IllegalArgumentException("data-parallel training needs partitions, rounds, steps-per-round and"
                    + " aggregation-depth >= 1; got " + partitions + ", " + rounds + ", " + stepsPerRound + ", " + aggregationDepth);
        }
    }

    /** Optimiser steps each replica takes. */
    public int totalStepsPerReplica() {
        return Math.multiplyExact(rounds, stepsPerRound);
    }
}
