package org.massmap.sim;

import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;

/**
 * What a mock survey tile looks like.
 *
 * @param size               pixels per side of the tile
 * @param pixelArcmin        pixel side, arcmin
 * @param centre             tile centre
 * @param galaxiesPerArcmin2 source density before masking
 * @param sigmaE             intrinsic shape noise per component
 * @param lognormalShift     shift λ of the lognormal truth field (0 = Gaussian truth)
 * @param mask               mask shape
 * @param shearModel         whether galaxies are sheared by γ or by the reduced shear γ/(1 − κ)
 */
public record MockSurveySpec(int size, double pixelArcmin, SkyPoint centre, double galaxiesPerArcmin2, double sigmaE,
        double lognormalShift, MaskSpec mask, ShearModel shearModel) {

    public MockSurveySpec {
        if (size < 4 || !(pixelArcmin > 0)) {
            throw new IllegalArgumentException("survey.size must be >= 4 and survey.pixel-arcmin > 0");
        }
        if (!(galaxiesPerArcmin2 > 0)) {
            throw new IllegalArgumentException("survey.galaxies-per-arcmin2 must be positive, got " + galaxiesPerArcmin2);
        }
        if (!(sigmaE > 0 && sigmaE < 1)) {
            throw new IllegalArgumentException("survey.sigma-e must lie in (0, 1), got " + sigmaE);
        }
        if (lognormalShift < 0) {
            throw new IllegalArgumentException("survey.lognormal-shift must be >= 0 (0 = Gaussian), got " + lognormalShift);
        }
    }
}
