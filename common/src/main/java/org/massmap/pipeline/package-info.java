/**
 * The per-tile posterior pipeline shared by the local command and the Spark job: binned data →
 * likelihood and Gaussian prior ({@link org.massmap.pipeline.TileData},
 * {@link org.massmap.pipeline.TileInference}, no prior model) → prior
 * and sampler set-up ({@link org.massmap.pipeline.TileProblem}) → chains → posterior summaries →
 * the tile's products ({@link org.massmap.pipeline.TileProductWriter}, with the files of
 * {@link org.massmap.output}, again without the prior model). Spark-free.
 */
package org.massmap.pipeline;
