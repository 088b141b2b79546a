/**
 * Statistics of maps and samples: angular power spectrum estimation, mergeable per-pixel moments,
 * quantiles, peak finding and cluster-detection frequency.
 */
package org.massmap.stats;
