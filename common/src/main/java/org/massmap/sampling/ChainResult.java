package org.massmap.sampling;

/** One chain's posterior sample (null if the chain failed) and its diagnostics. */
public record ChainResult(double[] sample, ChainDiagnostics diagnostics) implements java.io.Serializable {
}
