package org.massmap.survey;

/** How a tile map is carried onto the HEALPix pixels of a mosaic. */
public enum Resampling {
    /**
     * Each HEALPix pixel whose centre falls on the tile takes the tile map's bilinear interpolation
     * at that centre (nearest pixel where a neighbour is masked). Leaves no holes whatever the nside:
     * the choice when HEALPix pixels are about as large as tile pixels or smaller.
     */
    BILINEAR,
    /**
     * Each tile pixel adds its value to the HEALPix pixel containing its centre, so a HEALPix pixel
     * gets the (taper-weighted) mean of the tile pixels falling in it. Conserves averages; leaves
     * empty HEALPix pixels unless they are several times larger than the tile pixels.
     */
    AVERAGE
}
