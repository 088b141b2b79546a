/**
 * FITS files (nom-tam-fits, without touching its process-wide settings; docs/conventions.md,
 * Outputs), written atomically with {@link org.massmap.io.AtomicFile}, failures as
 * {@link org.massmap.io.MassmapIoException}.
 *
 * <ul>
 *   <li><b>Maps</b> ({@link org.massmap.io.fits.FitsMaps} of {@link org.massmap.io.SkyMap}s,
 *   {@link org.massmap.io.fits.MapHdu}): 32-bit float images with the tile's celestial TAN WCS,
 *   EXTNAME, BUNIT and {@link org.massmap.io.fits.Provenance} keywords, masked pixels NaN, several
 *   maps per file.</li>
 *   <li><b>Sample cubes</b> ({@link org.massmap.io.fits.FitsCubeWriter},
 *   {@link org.massmap.io.fits.FitsCubeReader}, {@link org.massmap.io.fits.FitsCubes}): NAXIS3 =
 *   sample index.</li>
 *   <li><b>Binary tables</b> ({@link org.massmap.io.fits.FitsTables}, {@link org.massmap.io.fits.FitsTable},
 *   {@link org.massmap.io.fits.FitsTableWriter} for chunked writing).</li>
 *   <li><b>Headers and structure</b>: {@link org.massmap.io.fits.FitsKeywords} (an immutable header),
 *   {@link org.massmap.io.fits.FitsStructure} (the HDU scan). Readers check the file's structure
 *   against its length, since nom-tam-fits may return nulls or silently drop HDUs of damaged files.</li>
 * </ul>
 */
package org.massmap.io.fits;
