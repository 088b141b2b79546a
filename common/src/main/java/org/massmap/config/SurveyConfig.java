package org.massmap.config;

import org.massmap.grid.SkyPoint;
import org.massmap.lensing.ShearModel;
import org.massmap.sim.HaloSpec;
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

    public static MaskSpec mask(Settings s) {
        return new MaskSpec(s.positive("survey.mask.footprint-fraction"), s.finite("survey.mask.footprint-rotation-deg"),
                s.nonNegative("survey.mask.star-holes-per-deg2"), s.positive("survey.mask.hole-radius-min-arcmin"),
                s.positive("survey.mask.hole-radius-max-arcmin"), s.nonNegativeInt("survey.mask.gaps"),
                s.nonNegative("survey.mask.gap-width-arcmin"));
    }

    /**
     * The single source redshift used to give injected halos their lensing strength: the plane's
     * redshift, or the mean of a Gaussian or tabulated n(z).
     */
    public static double effectiveSourceRedshift(org.massmap.theory.SourceDistribution nz) {
        if (nz instanceof org.massmap.theory.SourcePlane p) {
            return p.redshift();
        }
        if (nz instanceof org.massmap.theory.GaussianSources g) {
            return g.mean();
        }
        org.massmap.theory.TabulatedSources t = (org.massmap.theory.TabulatedSources) nz;
        double[] z = t.redshifts();
        double[] n = t.densities();
        double num = 0;
        double den = 0;
        for (int i = 1; i < z.length; i++) {
            double dz = z[i] - z[i - 1];
            num += 0.5 * dz * (z[i] * n[i] + z[i - 1] * n[i - 1]);
            den += 0.5 * dz * (n[i] + n[i - 1]);
        }
        return num / den;
    }

    public static HaloSpec halos(Settings s) {
        return new HaloSpec(s.nonNegative("survey.halos.per-deg2"), s.positive("survey.halos.m200-min"),
                s.positive("survey.halos.m200-max"), s.positive("survey.halos.slope"), s.positive("survey.halos.redshift"));
    }
}
