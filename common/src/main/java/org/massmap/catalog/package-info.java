/**
 * Galaxy shear catalogs: streaming readers for FITS binary tables and CSV files, the column mapping
 * and ellipticity sign conventions, and binning onto a tile's pixel grid (docs/conventions.md, Shear signs);
 * and the lists of known clusters to compare maps with ({@link org.massmap.catalog.KnownCluster},
 * {@link org.massmap.catalog.XrayCluster}).
 *
 * <p>Data flow: a {@link org.massmap.catalog.CatalogReader} hands out
 * {@link org.massmap.catalog.GalaxyChunk}s (positions in degrees, ellipticities in the sky
 * convention, weights); a {@link org.massmap.catalog.ShearBinner} projects each galaxy onto the
 * tile, rotates its ellipticity into the tile frame and the grid convention, and adds it to a
 * mergeable {@link org.massmap.catalog.ShearAccumulator}; {@code finish} gives the immutable
 * {@link org.massmap.catalog.BinnedShear} maps (γ1, γ2, counts, mask, σ_n). The order of the sign
 * operations is documented on {@link org.massmap.catalog.ColumnMapping}. Every failure tied to a
 * file is a {@link org.massmap.catalog.CatalogException} naming it.
 *
 * <p>Checking a catalog's ellipticity convention: {@link org.massmap.catalog.EllipticityConvention}
 * enumerates the eight readings of two ellipticity columns, {@link org.massmap.catalog.RandomRotation}
 * makes shape-noise-only copies, and {@link org.massmap.catalog.TangentialShearStack} stacks the
 * tangential and cross shear around known lenses with the binner's geometry.
 *
 * <p>Readers take their bytes from a {@link org.massmap.catalog.CatalogSource}: a length, a stream
 * from byte 0 and positional reads. {@link org.massmap.catalog.LocalCatalogSource} serves local
 * files (every {@code Path} method is a shorthand for it); the Spark job supplies one over Hadoop
 * file systems, which this package does not depend on. A FITS table can be read by row range
 * (only the headers and the range's rows are read); a CSV file is read whole, by one reader.
 */
package org.massmap.catalog;
