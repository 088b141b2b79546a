package org.massmap.sim;

/**
 * Shape parameters of a mock survey mask.
 *
 * @param footprintFraction    side of the square footprint over the tile side (≥ 10 means no footprint edge)
 * @param footprintRotationDeg rotation of the footprint about the tile centre, degrees
 * @param starHolesPerDeg2     mean number of bright-star holes per square degree
 * @param holeRadiusMinArcmin  smallest hole radius, arcmin (radii are log-uniform)
 * @param holeRadiusMaxArcmin  largest hole radius, arcmin
 * @param gaps                 number of straight detector gaps
 * @param gapWidthArcmin       width of each gap, arcmin
 */
public record MaskSpec(double footprintFraction, double footprintRotationDeg, double starHolesPerDeg2,
        double holeRadiusMinArcmin, double holeRadiusMaxArcmin, int gaps, double gapWidthArcmin) {

    public MaskSpec {
        if (!(footprintFraction > 0)) {
            throw new IllegalArgumentException("mask footprint fraction must be positive, got " + footprintFraction);
        }
        if (starHolesPerDeg2 < 0 || gaps < 0 || gapWidthArcmin < 0) {
            throw new IllegalArgumentException("mask hole density, gap count and gap width must be >= 0");
        }
        if (!(holeRadiusMinArcmin > 0) || holeRadiusMaxArcmin < holeRadiusMinArcmin) {
            throw new IllegalArgumentException("mask hole radii need 0 < min <= max, got " + holeRadiusMinArcmin
                    + ", " + holeRadiusMaxArcmin);
        }
    }

    /** No mask at all. */
    public static MaskSpec none() {
        return new MaskSpec(100, 0, 0, 1, 1, 0, 0);
    }
}
