package org.massmap.sampling;

import java.io.Serializable;

/**
 * One HMC transition at a fixed σ (Remy et al. 2020, section 3): momentum p ~ N(0, M), L leapfrog
 * steps of size ε, and a Metropolis-Hastings test whose Δlog p is the line integral of the score
 * along the move (only the score is known). The step-size constant c adapts towards the target
 * acceptance while annealing and is frozen at σ_min.
 *
 * @param leapfrogSteps    leapfrog steps per trajectory, &ge; 1 (reference 3)
 * @param stepSize         initial step-size constant c &gt; 0: ε = c (Fourier mass) or c·√σ (identity mass)
 * @param targetAcceptance acceptance rate c is adapted towards, in (0, 1)
 * @param mass             mass matrix
 */
public record HmcMove(int leapfrogSteps, double stepSize, double targetAcceptance, MassKind mass) implements Serializable {

    public HmcMove {
        if (leapfrogSteps < 1) {
            throw new IllegalArgumentException("sampler.leapfrog-steps must be >= 1, got " + leapfrogSteps);
        }
        if (!(stepSize > 0)) {
            throw new IllegalArgumentException("sampler.step-size must be positive, got " + stepSize);
        }
        if (!(targetAcceptance > 0 && targetAcceptance < 1)) {
            throw new IllegalArgumentException("sampler.target-acceptance must lie in (0, 1), got " + targetAcceptance);
        }
        if (mass == null) {
            throw new IllegalArgumentException("sampler.mass is required");
        }
    }

    /** ε at noise level σ for the step-size constant c = exp(logStep). */
    double epsilon(double logStep, double sigma) {
        double c = Math.exp(logStep);
        return mass == MassKind.IDENTITY ? c * Math.sqrt(sigma) : c;
    }

    /** The mass matrix at noise level σ. */
    MassMatrix massAt(double sigma, GaussianApproximation approximation) {
        return mass == MassKind.FOURIER ? approximation.fourierMass(sigma) : IdentityMass.INSTANCE;
    }
}
