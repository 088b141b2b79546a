/**
 * The product files a user opens, and which file holds what: FITS maps and tables with WCS and
 * provenance plus PNG previews, written into a directory whose publication (atomic, or as an
 * attempt of the survey job) is the caller's. A tile's binned data, Kaiser-Squires and Wiener maps
 * ({@link org.massmap.output.TileProducts}); its posterior summaries, samples, chains, clusters and
 * figure 1 ({@link org.massmap.output.PosteriorProducts}); a simulated survey
 * ({@link org.massmap.output.MockSurveyProducts}); and a tile's products read back for reports made
 * after the run ({@link org.massmap.output.PublishedTile}).
 */
package org.massmap.output;
