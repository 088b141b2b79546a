/**
 * Comparison of maps with a known truth: RMSE and Pearson correlation inside the mask (both
 * mean-subtracted, as the reference does), power spectra and one-point statistics of samples
 * against the truth, and empirical coverage of credible intervals.
 */
package org.massmap.validation;
