/**
 * Gaussian prior of the convergence built from a theory power spectrum C_ℓ: the Fourier-space power
 * map, the (tempered) prior score, and Gaussian random field draws. A pixel value is the pixel
 * average of κ, so P[k] is C_ℓ(2π|k + n|/Δ)/Δ² times the square pixel's window sinc², summed over
 * the aliases n ({@link org.massmap.prior.PixelWindow}); |k| in cycles per pixel, Δ the pixel size in
 * radians; the k = 0 mode is a fixed zero (maps have zero mean).
 */
package org.massmap.prior;
