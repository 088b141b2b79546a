/**
 * The per-tile posterior pipeline shared by the local command and the Spark job: binned data →
 * likelihood, prior and sampler set-up → chains → posterior summaries. Spark-free.
 */
package org.massmap.pipeline;
