package org.massmap.lensing;

/** What the binned ellipticities estimate: the shear γ, or the reduced shear g = γ/(1 − κ). */
public enum ShearModel {
    /** Ellipticities estimate γ = Aκ (weak-lensing limit). */
    SHEAR,
    /** Ellipticities estimate g = γ/(1 − κ), which matters in cluster cores. */
    REDUCED_SHEAR
}
