/**
 * The survey-scale posterior job on Spark: catalog splits are binned on executors into per-tile
 * accumulators, tiles whose content fingerprint is unchanged are skipped, (tile, chain-batch)
 * tasks run annealed HMC with each executor's single copy of the prior model, and each tile's
 * samples are summarised and committed on an executor. The driver only sees small records.
 */
package org.massmap.spark.job;
