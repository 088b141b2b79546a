/**
 * Posterior sampling: the {@link org.massmap.sampling.ScoreFunction} prior-score abstraction, the
 * tempered posterior score, and the annealed Hamiltonian Monte Carlo sampler of Remy et al. (2020).
 *
 * <p>The sampler's parts: {@link org.massmap.sampling.AnnealedHmc} runs a lockstep batch of chains;
 * a {@link org.massmap.sampling.Schedule} ({@link org.massmap.sampling.GeometricSchedule} or
 * {@link org.massmap.sampling.AdaptiveSchedule}) lowers σ; an {@link org.massmap.sampling.HmcMove}
 * configures each HMC transition and its {@link org.massmap.sampling.MassMatrix}; the line integral
 * of the score gives Metropolis-Hastings its Δlog p; an optional
 * {@link org.massmap.sampling.ProbabilityFlow} finishes the chains towards σ = 0; and
 * {@link org.massmap.sampling.PosteriorSampler} runs many batches of one tile on threads.
 */
package org.massmap.sampling;
