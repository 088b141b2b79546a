/**
 * Tile geometry: the pixel grid of one survey tile, its gnomonic (tangent-plane) projection and
 * its FITS WCS. Conventions (docs/conventions.md, Grid): ny rows by nx columns, flat row-major arrays with
 * index {@code iy*nx + ix}; column index grows towards West (-RA), row index towards North (+Dec);
 * the tile centre sits at 0-based pixel coordinate ((nx-1)/2, (ny-1)/2).
 */
package org.massmap.grid;
