/**
 * Survey-scale geometry and products, with no Spark: how a survey footprint is cut into
 * overlapping square tiles ({@link org.massmap.survey.SurveyTiling}, the ring scheme, or an explicit
 * {@link org.massmap.survey.TileList}), which tiles a streamed catalog needs
 * ({@link org.massmap.survey.TileOccupancy}), and how per-tile maps are blended into one
 * survey-wide HEALPix mosaic ({@link org.massmap.survey.MosaicAccumulator},
 * {@link org.massmap.survey.HealpixMosaic}, {@link org.massmap.survey.MosaicPreview}); and how a
 * known truth map is brought onto a tile's grid ({@link org.massmap.survey.TruthMaps}).
 *
 * <p>Conventions: positions are ICRS (RA, Dec) in degrees; tile sizes in pixels, pixel sizes and
 * overlaps in arcmin. Each {@link org.massmap.survey.Tile} is a square {@link org.massmap.grid.TileGrid}
 * on the gnomonic tangent plane at its own centre (docs/conventions.md, Grid), and a galaxy belongs to
 * every tile whose pixel grid it falls on, exactly as the shear binner decides.
 */
package org.massmap.survey;
