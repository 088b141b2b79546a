package org.massmap.spark.training;

/**
 * What one averaging round cost and achieved.
 *
 * @param round            0-based round
 * @param step             optimiser steps per replica after the round
 * @param meanLoss         training loss averaged over the round's steps and partitions
 * @param broadcastBytes   serialised size of the broadcast state (sent to each executor once)
 * @param resultBytes      size of one partition's summed-state vector (each partition sends one up the tree)
 * @param seconds          wall time of the round on the driver
 * @param maxTrainSeconds  longest time one partition spent training its k steps
 */
public record RoundStats(int round, long step, double meanLoss, long broadcastBytes, long resultBytes, double seconds,
                         double maxTrainSeconds) { }
