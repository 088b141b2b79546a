/**
 * Files the project reads and writes (docs/conventions.md, Outputs), with no Spark or ND4J.
 *
 * <ul>
 *   <li><b>Errors and publication.</b> Every failure at a file boundary is a checked
 *   {@link org.massmap.io.MassmapIoException} whose message starts with the file name and says what
 *   is wrong. Outputs appear atomically: {@link org.massmap.io.AtomicFile} (temporary file in the
 *   same directory, then rename) and {@link org.massmap.io.AtomicDirectory} (a whole output
 *   directory swapped in at once); a writer that fails leaves nothing behind.</li>
 *   <li><b>FITS</b> (nom-tam-fits, without touching its process-wide settings). Maps
 *   ({@link org.massmap.io.FitsMaps}, {@link org.massmap.io.SkyMap}): 32-bit float images with
 *   the tile's celestial TAN WCS, EXTNAME, BUNIT and {@link org.massmap.io.Provenance} keywords,
 *   masked pixels NaN, several maps per file. Sample cubes ({@link org.massmap.io.FitsCubeWriter},
 *   {@link org.massmap.io.FitsCubeReader}): NAXIS3 = sample index. Binary tables
 *   ({@link org.massmap.io.FitsTables}, {@link org.massmap.io.FitsTableWriter} for chunked writing).
 *   Readers check the file's structure against its length, since nom-tam-fits may return nulls
 *   or silently drop HDUs of damaged files.</li>
 *   <li><b>PNG quick-looks</b> (headless Java2D): {@link org.massmap.io.MapFigure} (panels with
 *   colorbars, North/East arrows, NaN grey, markers), {@link org.massmap.io.LinePlot},
 *   {@link org.massmap.io.Colormap} (viridis, magma, RdBu, greys), {@link org.massmap.io.ColorScale}.</li>
 *   <li><b>JSON and checksums</b>: {@link org.massmap.io.JsonFiles} for manifests,
 *   {@link org.massmap.io.Checksums} for SHA-256 of files, bytes and strings.</li>
 * </ul>
 *
 * <p>Conventions (docs/conventions.md, Grid and WCS): maps are flat row-major arrays, index {@code iy*nx + ix};
 * row iy grows North and is FITS NAXIS2 (so FITS viewers and PNGs show North up), column ix grows
 * West (CDELT1 &lt; 0, East left); CRPIX = (n+1)/2 at the tile centre.
 */
package org.massmap.io;
