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
 */
public record DataParallelConfig(int partitions, int rounds, int stepsPerRound, int aggregationDepth) {
    public DataParallelConfig {
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
