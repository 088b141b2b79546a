/**
 * The HEALPix pixelisation of the sphere (Górski et al. 2005, ApJ 622, 759): 12·nside² pixels of
 * equal area in RING or NESTED order, pixel index ↔ sky position. Written from the paper's
 * formulas because no maintained HEALPix library is published on Maven Central (checked: the CDS
 * library and the HEALPix Java library are distributed only as source and Debian packages);
 * tested against values computed with healpy. Positions are ICRS (RA, Dec) in degrees, with the
 * HEALPix colatitude θ = 90° − Dec and longitude φ = RA, as healpy's {@code lonlat=True}.
 */
package org.massmap.healpix;
