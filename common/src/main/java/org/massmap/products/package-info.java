/**
 * The products a user opens: Kaiser-Squires, Wiener and posterior maps of a tile as FITS files with
 * WCS and provenance plus PNG previews, written into an output directory that is published
 * atomically; and, read back from a published tile ({@link org.massmap.products.PublishedTile}),
 * the report on a real field with known X-ray clusters ({@link org.massmap.products.FieldReport}:
 * detection table, Fig. 2-style figures, B-mode null map).
 */
package org.massmap.products;
