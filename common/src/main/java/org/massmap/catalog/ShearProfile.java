package org.massmap.catalog;

import java.util.List;

/**
 * A stacked tangential/cross shear profile from {@link TangentialShearStack}: one {@link Bin} per
 * annulus, the same over all annuli ({@code total}), the number of centres given and the number
 * with at least one galaxy in an annulus ({@code centresUsed}, those the jackknife runs over).
 * Immutable.
 */
public record ShearProfile(List<Bin> bins, Bin total, int centres, int centresUsed) {

    public ShearProfile {
        bins = List.copyOf(bins);
    }

    /**
     * One annulus.
     *
     * @param rMinArcmin       inner edge, arcmin
     * @param rMaxArcmin       outer edge, arcmin
     * @param meanRadiusArcmin weighted mean radius of its pairs, arcmin (NaN when empty)
     * @param pairs            galaxy–centre pairs
     * @param weightSum        Σw over the pairs
     * @param gammaT           weighted mean tangential shear
     * @param gammaX           weighted mean cross shear
     * @param shapeNoiseError  √(Σw²(γ_t² + γ_×²)/2)/Σw, pairs taken as independent
     * @param jackknifeErrorT  jackknife error of γ_t over centres (NaN with fewer than two centres)
     * @param jackknifeErrorX  jackknife error of γ_×
     */
    public record Bin(double rMinArcmin, double rMaxArcmin, double meanRadiusArcmin, long pairs, double weightSum,
                      double gammaT, double gammaX, double shapeNoiseError, double jackknifeErrorT,
                      double jackknifeErrorX) {

        /** The larger of the shape-noise and jackknife errors of γ_t (the shape-noise one alone if no jackknife). */
        public double errorT() {
            return Double.isNaN(jackknifeErrorT) ? shapeNoiseError : Math.max(shapeNoiseError, jackknifeErrorT);
        }

        /** The larger of the shape-noise and jackknife errors of γ_×. */
        public double errorX() {
            return Double.isNaN(jackknifeErrorX) ? shapeNoiseError : Math.max(shapeNoiseError, jackknifeErrorX);
        }

        /** γ_t / {@link #errorT()}. */
        public double significanceT() {
            return gammaT / errorT();
        }

        /** γ_× / {@link #errorX()}. */
        public double significanceX() {
            return gammaX / errorX();
        }
    }
}
