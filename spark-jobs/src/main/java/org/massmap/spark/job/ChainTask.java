package org.massmap.spark.job;

import java.io.Serializable;

/** Chains [firstChain, firstChain + count) of one tile: one Spark record, one lockstep batch. */
public record ChainTask(TilePlan plan, int firstChain, int count) implements Serializable {
}
