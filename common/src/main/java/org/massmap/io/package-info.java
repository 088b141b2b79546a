/**
 * Files the project reads and writes (docs/conventions.md, Outputs), with no Spark or ND4J: the
 * plain-file layer and the types shared by the FITS files ({@link org.massmap.io.fits}) and the PNG
 * figures ({@link org.massmap.io.plot}).
 *
 * <ul>
 *   <li><b>Errors and publication.</b> Every failure at a file boundary is a checked
 *   {@link org.massmap.io.MassmapIoException} whose message starts with the file name and says what
 *   is wrong. Outputs appear atomically: {@link org.massmap.io.AtomicFile} (temporary file in the
 *   same directory, then rename) and {@link org.massmap.io.AtomicDirectory} (a whole output
 *   directory swapped in at once); a writer that fails leaves nothing behind.</li>
 *   <li><b>Maps.</b> {@link org.massmap.io.SkyMap}, a named map on a tile grid, is the unit of FITS
 *   and PNG output; {@link org.massmap.io.FitsNames} checks its name and unit (and the FITS HDU and
 *   column names) against what a header card holds.</li>
 *   <li><b>Reading.</b> {@link org.massmap.io.RandomAccessInput}: positional reads from a local file
 *   or a Hadoop stream, for the FITS structure scan and the catalog readers.</li>
 *   <li><b>JSON and checksums</b>: {@link org.massmap.io.JsonFiles} for manifests,
 *   {@link org.massmap.io.Checksums} for SHA-256 of files, bytes and strings.</li>
 * </ul>
 *
 * <p>Conventions (docs/conventions.md, Grid and WCS): maps are flat row-major arrays, index {@code iy*nx + ix};
 * row iy grows North and is FITS NAXIS2 (so FITS viewers and PNGs show North up), column ix grows
 * West (CDELT1 &lt; 0, East left); CRPIX = (n+1)/2 at the tile centre.
 */
package org.massmap.io;
