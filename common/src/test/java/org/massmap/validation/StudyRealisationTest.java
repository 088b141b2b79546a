package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.catalog.BinnedShear;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.pipeline.PriorModel;
import org.massmap.sim.MockSurvey;
import org.massmap.sim.MockSurveySpec;
import org.massmap.theory.ConvergenceSpectrum;

/** One realisation of the validation study on a tiny mock without halos, Gaussian prior only. */
class StudyRealisationTest {

    private static Settings settings() {
        return new Settings(ConfigLoader.load(null, Map.of("map.size", "16", "survey.size", "16", "survey.halos", "false",
                "sampler.chains", "2", "sampler.levels", "3", "sampler.steps-per-level", "2", "sampler.final-steps", "2",
                "clusters.noise-realisations", "2")));
    }

    @Test
    void binsTheMockOntoTheStudyTileCentredOnIt() throws Exception {
        Settings s = settings();
        MockSurveySpec spec = SurveyConfig.spec(s);
        MockSurvey mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, TheoryConfig.priorSpectrum(s)::cl, null),
                new SplittableRandom(3));
        BinnedShear binned = StudyRealisation.bin(mock, MapSettings.from(s));
        assertEquals(mock.grid().centre(), binned.grid().centre());
        assertEquals(16, binned.grid().nx());
        assertEquals(mock.galaxies(), binned.galaxiesUsed() + binned.galaxiesOutside());
    }

    @Test
    void scoresTheBaselinesAndEachMethodAndWritesTheFigures(@TempDir Path dir) throws Exception {
        Settings s = settings();
        MockSurveySpec spec = SurveyConfig.spec(s);
        ConvergenceSpectrum cl = TheoryConfig.priorSpectrum(s);
        MockSurvey mock = MockSurvey.generate(spec, MockSurvey.truthSimulator(spec, cl::cl, null), new SplittableRandom(3));
        BinnedShear binned = StudyRealisation.bin(mock, MapSettings.from(s));
        // a scale fixed beforehand (not this truth's best): the realisation is scored at it, not at its own optimum
        KsCalibration.Case data = KsCalibration.Case.of(mock, binned);
        double oracle = SmoothedKs.best(data.grid(), data.ks(), data.truth(), data.mask()).arcmin();
        double fixed = oracle == 6 ? 0.5 : 6;
        KsCalibration ks = new KsCalibration(fixed, 1, ValidationReport.KS_SMOOTHING_ARCMIN, new double[8]);
        StudyRealisation.Result r = StudyRealisation.run(s, mock, binned, cl,
                List.of(new StudyRealisation.Method("gaussian", PriorModel.gaussian())), SamplerConfig.from(s), ks, dir, "mock-1");
        assertEquals(List.of("kaiser_squires", "kaiser_squires_smoothed", "wiener"), List.copyOf(r.baselines().keySet()));
        assertEquals(fixed, r.ksSmoothingArcmin());
        assertEquals(SmoothedKs.at(data.grid(), data.ks(), data.truth(), data.mask(), fixed).metrics(),
                r.baselines().get("kaiser_squires_smoothed"));
        assertEquals(List.of("kaiser_squires_smoothed", "wiener", "gaussian"), List.copyOf(r.spectra().estimates().keySet()));
        int observed = 0;
        for (boolean m : binned.mask()) {
            observed += m ? 1 : 0;
        }
        assertEquals((double) observed / binned.mask().length, r.spectra().areaFraction(), 1e-15);
        assertTrue(r.spectra().effectiveAreaFraction() > 0 && r.spectra().effectiveAreaFraction() <= r.spectra().areaFraction() + 1e-6,
                r.spectra().toString());
        assertEquals(1, r.methods().size());
        StudyRealisation.MethodResult g = r.methods().get(0);
        assertEquals("gaussian", g.name());
        assertEquals(2, g.samples());
        assertEquals(StudyRealisation.levels().length, g.coverage().length);
        assertEquals(r.spectra().ell().length, r.spectra().estimates().get("gaussian").length);
        assertTrue(g.rmse() > 0 && Double.isFinite(g.pearson()), g.toString());
        assertTrue(r.summaryLine().startsWith("kaiser_squires ") && r.summaryLine().contains("gaussian "), r.summaryLine());
        for (String f : new String[] {"fig1.png", "fig2.png", "posterior_std.png", "cluster_frequency.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void levelsAreACopy() {
        double[] levels = StudyRealisation.levels();
        assertNotSame(levels, StudyRealisation.levels());
        assertEquals(0.68, levels[3]);
    }
}
