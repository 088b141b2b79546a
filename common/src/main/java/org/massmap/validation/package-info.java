/**
 * Comparison of maps with a known truth: RMSE and Pearson correlation inside the mask (both
 * mean-subtracted, as the reference does), power spectra and one-point statistics of samples
 * against the truth, and empirical coverage of credible intervals.
 *
 * <p>Checks on real data without a truth: {@link org.massmap.validation.EbModePower} (E- and B-mode
 * band powers against shape-noise-only realisations, and the leakage of a pure E signal through the
 * mask) and {@link org.massmap.validation.ConventionCheck} (which ellipticity convention puts the
 * signal in E and makes the stacked tangential shear around known clusters positive).
 *
 * <p>The campaigns built on them, run by the command line: the validation study on mocks
 * ({@link org.massmap.validation.StudyRealisation}, {@link org.massmap.validation.StudyReport};
 * docs/validation.md), simulation-based calibration of the priors
 * ({@link org.massmap.validation.CalibrationStudy}), the simulator against the prior
 * ({@link org.massmap.validation.SimulatorPowerCheck}; docs/model.md) and the sampler's accuracy
 * against its cost ({@link org.massmap.validation.SamplerAccuracySweep}; docs/sampler.md).
 */
package org.massmap.validation;
