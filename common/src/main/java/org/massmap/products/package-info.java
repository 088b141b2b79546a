/**
 * The products a user opens: Kaiser-Squires, Wiener and posterior maps of a tile as FITS files with
 * WCS and provenance plus PNG previews, written into an output directory that is published
 * atomically.
 */
package org.massmap.products;
