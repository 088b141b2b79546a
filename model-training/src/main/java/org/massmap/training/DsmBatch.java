package org.massmap.training;

/**
 * One denoising-score-matching batch: the network input, the target and the draws behind them.
 *
 * @param input  [batch, n, n, 3] NHWC network input (see {@link org.massmap.model.InputEncoding})
 * @param target [batch, n, n] u + σ·s_th,σ(x'), so that loss = mean (net_out + target)²
 * @param sigmas σ of each map
 * @param batch  number of maps
 * @param n      crop side, pixels
 */
record DsmBatch(float[] input, float[] target, double[] sigmas, int batch, int n) { }
