package org.massmap.sampling;

import java.util.random.RandomGenerator;

/**
 * The HMC mass matrix M on the zero-mean subspace of maps: momentum draws p ~ N(0, M), velocities
 * M⁻¹p and kinetic energy ½ pᵀM⁻¹p. Implementations are immutable and thread-safe.
 */
public interface MassMatrix {

    /** Writes a momentum drawn from N(0, M) into {@code p}. */
    void drawMomentum(RandomGenerator rng, double[] p);

    /** Writes M⁻¹p into {@code v}. */
    void velocity(double[] p, double[] v);

    /** ½ pᵀM⁻¹p. */
    double kineticEnergy(double[] p);
}
