/**
 * Weak-lensing operators on a periodic tile: Kaiser-Squires shear/convergence transforms (E and B
 * modes), Gaussian smoothing, and the masked Gaussian shear likelihood; the Kaiser-Squires maps of
 * binned shear ({@link org.massmap.lensing.KaiserSquiresMaps}). Conventions in docs/conventions.md
 * (Kaiser-Squires): k = 0 and the Nyquist row/column of even sizes are removed by the operators.
 */
package org.massmap.lensing;
