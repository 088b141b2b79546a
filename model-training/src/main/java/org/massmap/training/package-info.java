/**
 * Denoising-score-matching training of the residual score network (Remy et al. 2020, eq. 3 with the
 * hybrid score of eq. 6): x' = x + σu, u ~ N(0, I), σ from a {@link org.massmap.model.SigmaDistribution},
 * loss = mean over pixels and batch of (u + σ(s_th,σ(x') + r_θ(x', σ)))².
 *
 * <p>{@link org.massmap.training.Trainer} runs single-process training with Adam, a learning-rate
 * schedule, seeded per-step randomness, checkpoints and resume, and exposes its whole state as flat
 * arrays ({@link org.massmap.training.TrainingState}) for data-parallel training. Training maps come
 * from a {@link org.massmap.training.TrainingMaps} (a simulator or user maps); random crops and the 8
 * symmetries of the square augment them. {@link org.massmap.training.ShiftedLognormalMaps} and
 * {@link org.massmap.training.GaussianMaps} are built-in sources for tests and demos.
 */
package org.massmap.training;
