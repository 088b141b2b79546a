/**
 * Benchmarks and reports of the score network, not tests: forward time per map and per batch at
 * tile sizes, training throughput, GFLOP/s from analytic convolution FLOP counts
 * ({@link org.massmap.model.bench.NetworkBenchmark}, run as a main class), posterior samples per
 * core-hour with each prior ({@link org.massmap.model.bench.SamplerThroughput}), and the evidence that
 * a trained residual learned something ({@link org.massmap.model.bench.ModelReport}, for docs/model.md).
 */
package org.massmap.model.bench;
