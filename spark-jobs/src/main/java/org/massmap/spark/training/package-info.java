/**
 * Data-parallel training of the score network on Spark by synchronous parameter averaging: each
 * round broadcasts the whole {@link org.massmap.training.TrainingState}, every partition trains k
 * minibatches on its own simulations (seeded by round and partition) with its executor's one
 * {@link org.massmap.training.Trainer}, a treeAggregate sums the resulting states and the driver
 * averages them. See {@link org.massmap.spark.training.SparkDataParallelTrainer} for what is averaged
 * and why, and for the communication cost per round.
 */
package org.massmap.spark.training;
