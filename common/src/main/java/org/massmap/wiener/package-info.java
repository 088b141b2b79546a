/**
 * The Gaussian posterior of the convergence under the Gaussian theory prior: the Wiener filter
 * (its mean and maximum), solved iteratively for masked, inhomogeneous-noise data, exact posterior
 * samples by constrained realisations, and the closed-form Fourier-diagonal posterior of an
 * unmasked, uniform-noise tile. These are the classical baselines and the ground truth against
 * which the annealed HMC sampler is tested.
 */
package org.massmap.wiener;
