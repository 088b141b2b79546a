package org.massmap.spark.job;

import java.io.Serializable;
import java.util.List;
import org.massmap.sampling.ChainDiagnostics;

/**
 * The outcome of one chain task: a sample per chain (null where the chain failed), the chains'
 * diagnostics, and a failure reason if the whole task failed (then samples is empty).
 */
public record ChainBatch(String tileId, int firstChain, List<double[]> samples, List<ChainDiagnostics> diagnostics,
        String failure, double seconds) implements Serializable {
}
