/**
 * Statistics of maps and samples: angular power spectrum estimation, mergeable per-pixel moments,
 * quantiles, peak finding and cluster-detection frequency; a tile's posterior summaries
 * ({@link org.massmap.stats.PosteriorSummary}) and the shape-noise-only maps that calibrate its peaks
 * ({@link org.massmap.stats.NoiseOnlyMaps}).
 */
package org.massmap.stats;
