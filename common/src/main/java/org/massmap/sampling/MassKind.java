package org.massmap.sampling;

/** Which HMC mass matrix chains use. */
public enum MassKind {
    /** Identity (the reference's choice); step size ∝ √σ. */
    IDENTITY,
    /** Diagonal in Fourier space, equal to the Gaussian approximation's precision at the chain's σ. */
    FOURIER
}
