/**
 * Gaussian prior of the convergence built from a theory power spectrum C_ℓ: the Fourier-space power
 * map, the (tempered) prior score, and Gaussian random field draws. Conventions (DESIGN.md section
 * 3): P[k] = C_ℓ(2π|k|/Δ)/Δ² with |k| in cycles per pixel and Δ the pixel size in radians; the k = 0
 * mode is a fixed zero (maps have zero mean).
 */
package org.massmap.prior;
