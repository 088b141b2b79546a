/**
 * The neural part of the hybrid prior score of Remy et al. (2020), eq. 6:
 * s(κ, σ) = s_th,σ(κ) + r_θ(κ, σ).
 *
 * <p>{@link org.massmap.model.NetworkConfig} describes a noise-conditional U-Net with residual blocks
 * (convolution → batch normalisation → activation), built with ND4J SameDiff in NHWC layout by
 * {@code UNetGraph}. Its input channels are the noisy map, σ²·s_th,σ of it (both scaled by
 * {@link org.massmap.model.InputEncoding}) and a constant channel encoding σ; its output divided by σ
 * is the residual score r_θ. {@link org.massmap.model.ScoreModel} bundles the weights with the metadata
 * needed to use them (pixel size, the C_ℓ table of the Gaussian part, the trained σ range) and hands
 * out a {@link org.massmap.model.HybridScore} for a tile. {@link org.massmap.model.ModelFiles} reads
 * and writes the model directory.
 *
 * <p>Maps are flat row-major ny×nx arrays (index iy·nx + ix); a batch of maps is passed to the network
 * as a [batch, ny, nx, channels] float tensor, whose memory order is the same.
 */
package org.massmap.model;
