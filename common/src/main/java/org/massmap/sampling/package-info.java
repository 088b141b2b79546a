/**
 * Posterior sampling: the {@link org.massmap.sampling.ScoreFunction} prior-score abstraction, the
 * tempered posterior score, and the annealed Hamiltonian Monte Carlo sampler of Remy et al. (2020).
 */
package org.massmap.sampling;
