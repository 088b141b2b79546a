package org.massmap.healpix;

/**
 * How HEALPix pixels are numbered, as the FITS keyword {@code ORDERING} names it. RING runs along
 * iso-latitude rings from North to South (fast for ring-wise scans); NESTED follows the quad-tree of
 * the 12 base pixels (neighbouring indices are neighbours on the sky; requires nside a power of 2).
 */
public enum HealpixOrdering {
    /** Pixels numbered ring by ring from the North pole, increasing in longitude within a ring. */
    RING,
    /** Pixels numbered along the quad-tree of each base pixel (Z-order of its x, y indices). */
    NESTED
}
