package org.massmap.config;

import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.sim.MaskSpec;
import org.massmap.sim.MockSurveySpec;

/** Reads the mock-survey settings (section {@code survey}). */
public final class SurveyConfig {
    private SurveyConfig() {
    }

    public static MockSurveySpec spec(Settings s) {
        SkyPoint centre;
        try {
            centre = SkyPoint.parse(s.string("survey.center"));
        } catch (IllegalArgumentException e) {
            throw new SettingException("survey.center: " + e.getMessage(), e);
        }
        return new MockSurveySpec(s.positiveInt("survey.size"), s.positive("survey.pixel-arcmin"), centre,
                s.positive("survey.galaxies-per-arcmin2"), s.positive("survey.sigma-e"),
                s.nonNegative("survey.lognormal-shift"), mask(s), s.enumValue("survey.shear-model", ShearModel.class));
    }

    /**
     * Per-pixel, per-component std of the binned shear of the survey section's galaxies on pixels of
     * the given side (arcmin): σ_e / √(n_gal Δ²), n_gal in galaxies per arcmin².
     */
    public static double pixelNoise(Settings s, double pixelArcmin) {
        return s.positive("survey.sigma-e") / Math.sqrt(s.positive("survey.galaxies-per-arcmin2") * pixelArcmin * pixelArcmin);
    }

    public static MaskSpec mask(Settings s) {
        return new MaskSpec(s.positive("survey.mask.footprint-fraction"), s.finite("survey.mask.footprint-rotation-deg"),
                s.nonNegative("survey.mask.star-holes-per-deg2"), s.positive("survey.mask.hole-radius-min-arcmin"),
                s.positive("survey.mask.hole-radius-max-arcmin"), s.nonNegativeInt("survey.mask.gaps"),
                s.nonNegative("survey.mask.gap-width-arcmin"));
    }

    /** Whether mock-survey truths include halos ({@code survey.halos}); refuses the removed survey.halos.* keys. */
    public static boolean halos(Settings s) {
        SimulationConfig.rejectRemovedKeys(s);
        return s.bool("survey.halos");
    }
}
