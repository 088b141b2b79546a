package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.massmap.config.ConfigLoader;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;
import org.massmap.config.SimulationConfig;
import org.massmap.config.SurveyConfig;
import org.massmap.config.TheoryConfig;
import org.massmap.pipeline.PriorModel;
import org.massmap.stats.ClusterSettings;

/** The cluster-frequency calibration on a small tile: a strong halo is found, noise is not, and a threshold of ~0 fires everywhere. */
class ClusterCalibrationTest {
    private static final int SAMPLES = 8;

    private static Settings settings() {
        return new Settings(ConfigLoader.load(null, Map.of("map.size", "32", "sampler.levels", "4", "sampler.steps-per-level", "2",
                "sampler.final-steps", "4", "clusters.noise-realisations", "8")));
    }

    private static ClusterCalibration calibration(Settings s, ClusterSettings clusters, double snr) throws Exception {
        return new ClusterCalibration(SurveyConfig.spec(s), MapSettings.from(s), TheoryConfig.priorSpectrum(s), PriorModel.gaussian(),
                SamplerConfig.from(s), clusters, SimulationConfig.haloModel(s), snr, snr, 16, 11);
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(0);
    }

    @Test
    void aStrongHaloIsDetectedInEverySampleWhileNoiseAloneIsNot() throws Exception {
        Settings s = settings();
        ClusterCalibration.Realisation r = calibration(s, SamplerConfig.clusters(s), 30).run(0, SAMPLES, 2);
        // the mass is solved on the halo-free catalog; the S/N is the injected one's own (σ_e measured from its catalog)
        assertEquals(30, r.halo().snr(), 0.6, "the mass is chosen for the asked true S/N");
        assertTrue(r.halo().frequency() >= 0.99 && r.halo().candidate() >= 0.99, "strong halo: " + r.halo());
        assertTrue(r.halo().m200() > 1e14 && r.halo().m200() < 1e16, "mass " + r.halo().m200());
        ClusterCalibration.Detection noise = r.noiseOnly().product();
        assertTrue(max(noise.candidates()) < 0.5, "noise-only candidates " + Arrays.toString(noise.candidates()));
        assertTrue(mean(noise.random()) < 0.1, "noise-only random positions " + Arrays.toString(noise.random()));
        assertEquals(SAMPLES, r.noiseOnly().samples());
        ClusterCalibration.TruthStructure t = calibration(s, SamplerConfig.clusters(s), 30).truth(0, new double[] {1, 2, 30}, r.halo().x(),
                r.halo().y());
        assertTrue(t.peaks()[0] >= t.peaks()[1] && t.peaks()[2] == 0, "peaks of the halo-free truth " + Arrays.toString(t.peaks()));
        assertEquals(r.haloFree().observedDeg2(), t.areaDeg2(), 1e-12, "the same mask as the halo-free posterior");
        assertTrue(Math.abs(t.snrAtHalo()) < 5, "the field's S/N at the halo " + t.snrAtHalo());
        // the product's threshold is the exact σ_S (TilePosterior), not an estimate from its noise maps
        assertEquals(1, r.noiseOnly().sigmaRatioMean(), 1e-9);
        assertEquals(0, r.noiseOnly().sigmaRatioRms(), 1e-9);
    }

    @Test
    void aThresholdOfAlmostZeroCreditsEveryLocalMaximumSoFalsePositivesAreEverywhere() throws Exception {
        Settings s = settings();
        ClusterSettings product = SamplerConfig.clusters(s);
        ClusterSettings zero = new ClusterSettings(product.apertureArcmin(), 1e-9, product.radiusArcmin(), product.minFrequency(),
                product.noiseRealisations());
        ClusterCalibration.Realisation low = calibration(s, zero, 3).run(1, SAMPLES, 2);
        ClusterCalibration.Realisation normal = calibration(s, product, 3).run(1, SAMPLES, 2);
        ClusterCalibration.Case[] lows = {low.noiseOnly(), low.haloFree()};
        ClusterCalibration.Case[] normals = {normal.noiseOnly(), normal.haloFree()};
        for (int k = 0; k < 2; k++) {
            double[] lowRandom = lows[k].product().random();
            double[] normalRandom = normals[k].product().random();
            assertTrue(max(lows[k].product().candidates()) >= 0.5, "pixels credited by most samples: "
                    + Arrays.toString(lows[k].product().candidates()));
            assertTrue(mean(lowRandom) > 0.05 && mean(lowRandom) > 1.5 * mean(normalRandom), "the same random positions: threshold ~0 "
                    + Arrays.toString(lowRandom) + ", product " + Arrays.toString(normalRandom));
        }
        ClusterCalibrationReport lowReport = new ClusterCalibrationReport("gaussian", java.util.List.of(low));
        ClusterCalibrationReport normalReport = new ClusterCalibrationReport("gaussian", java.util.List.of(normal));
        double lowRate = lowReport.falsePositives("noise_only", "product").get(4).perDeg2().value();
        double normalRate = normalReport.falsePositives("noise_only", "product").get(4).perDeg2().value();
        assertEquals(1, lowReport.falsePositives("noise_only", "product").get(4).anyFraction().value(), "FPR at f ≥ 0.5 is 1");
        assertTrue(lowRate > 5 && lowRate > 5 * normalRate, "f ≥ 0.5 per deg²: threshold ~0 " + lowRate + ", product " + normalRate);
    }
}
