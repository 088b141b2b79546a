/**
 * Analytic theory for the Gaussian prior: the weak-lensing convergence power spectrum C_ℓ.
 *
 * <p>Pipeline: {@link org.massmap.theory.CosmologyParams} (flat ΛCDM / w0-wa CDM) →
 * {@link org.massmap.theory.Background} (E(z), comoving distance) and
 * {@link org.massmap.theory.GrowthFactor} (linear growth from its ODE) →
 * {@link org.massmap.theory.LinearPower} (BBKS or Eisenstein &amp; Hu 1998 transfer functions,
 * normalised to σ8) → optional {@link org.massmap.theory.HalofitPower} (Takahashi et al. 2012) →
 * {@link org.massmap.theory.LimberIntegrator} (Limber projection for a
 * {@link org.massmap.theory.SourceDistribution}) → {@link org.massmap.theory.TheoryConvergenceSpectrum}.
 * A measured or externally computed C_ℓ can be used instead through
 * {@link org.massmap.theory.TabulatedConvergenceSpectrum}. Both implement
 * {@link org.massmap.theory.ConvergenceSpectrum}, the only thing the prior needs.
 *
 * <p>Units, everywhere in this package: comoving distances in Mpc/h, wavenumbers k in h/Mpc,
 * matter power P(k) in (Mpc/h)³, redshift z ≥ 0, multipole ℓ dimensionless, C_ℓ dimensionless
 * (convergence is dimensionless). The linear growth factor D(z) is normalised to D(0) = 1
 * ({@link org.massmap.theory.GrowthFactor#unnormalised(double)} gives the CCL convention D → a in
 * matter domination). Radiation and massive neutrinos are neglected in E(z).
 *
 * <p>Validation against the LSST DESC Core Cosmology Library (CCL) benchmark tables lives in the
 * tests of this package; the test resources name their sources.
 */
package org.massmap.theory;
