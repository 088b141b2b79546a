/**
 * Benchmarks of the score network (run as main classes, not tests): forward time per map and per
 * batch at tile sizes, training throughput, GFLOP/s from analytic convolution FLOP counts.
 */
package org.massmap.model.bench;
