/**
 * Simulations: non-Gaussian convergence maps with a target power spectrum (shifted lognormal
 * fields, optionally with NFW-like halos at known positions), survey masks, and mock shape
 * catalogs observed through them. Every draw comes from an explicitly seeded generator.
 */
package org.massmap.sim;
