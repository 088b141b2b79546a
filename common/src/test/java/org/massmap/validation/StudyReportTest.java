package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.config.MapSettings;
import org.massmap.config.SamplerConfig;
import org.massmap.config.Settings;

/** The study's tables from hand-made realisations: mean ± scatter, detection bins, power ratios of averages. */
class StudyReportTest {

    static final KsCalibration KS = new KsCalibration(2.0, 4, ValidationReport.KS_SMOOTHING_ARCMIN,
            new double[ValidationReport.KS_SMOOTHING_ARCMIN.length]);

    /**
     * A realisation whose truth has band powers {truth0, 2}; Kaiser-Squires has 0.8 and Wiener 0.5 of them
     * in every band, the Gaussian samples {2, 2}.
     */
    private static StudyRealisation.Result realisation(double ksRmse, double freq, double truth0) {
        Map<String, MapMetrics> baselines = new LinkedHashMap<>();
        baselines.put("kaiser_squires", new MapMetrics(ksRmse, 0.3, 100));
        baselines.put("kaiser_squires_smoothed", new MapMetrics(0.02, 0.4, 100));
        baselines.put("wiener", new MapMetrics(0.01, 0.5, 100));
        StudyRealisation.MethodResult gaussian = new StudyRealisation.MethodResult("gaussian", 0.015, 0.45,
                new double[] {0.2, 0.4, 0.6, 0.7, 0.8, 0.9, 0.96}, 0.1, 0.02, 3.0,
                List.of(new double[] {4, freq, 14}, new double[] {25, 1, 15}), 2.0, 500, 4, 0.012, 0.015 * 0.015 - 0.012 * 0.012);
        Map<String, double[]> estimates = new LinkedHashMap<>();
        estimates.put("kaiser_squires_smoothed", new double[] {0.8 * truth0, 1.6});
        estimates.put("wiener", new double[] {0.5 * truth0, 1.0});
        estimates.put("gaussian", new double[] {2, 2});
        BandPowers spectra = new BandPowers(new double[] {100, 1000}, 0.74, 0.6, new double[] {truth0, 2}, estimates);
        return new StudyRealisation.Result(1000, List.of(), 1.5, 0.021, baselines, 2.0, spectra, List.of(gaussian));
    }

    private static StudyReport report() {
        Settings s = Settings.defaults();
        return new StudyReport(List.of(realisation(0.04, 0.5, 1.0), realisation(0.06, 1.0, 3.0)), List.of("gaussian"), KS,
                SamplerConfig.from(s), MapSettings.from(s), null, 3600, "./massmap study --out x");
    }

    @Test
    void tablesHoldTheMeanAndScatterOverRealisations() {
        String md = report().markdown();
        assertTrue(md.contains("| Kaiser-Squires | 0.0500 ± 0.0141 | – | 0.300 ± 0.000 |"), md);
        assertTrue(md.contains("| Kaiser-Squires, smoothed at 2.0′ (chosen on 4 separate realisations) | 0.0200 ± 0.0000 | – |"), md);
        assertTrue(md.contains("The Kaiser-Squires smoothing scale (Gaussian σ) is 2.0′, chosen once among 0, 0.5, 1, 1.5, 2, 3, 4, 6′"
                + " as the least mean RMSE against the truth inside the mask on 4 separate calibration realisations"), md);
        assertTrue(md.contains("| posterior mean, gaussian prior | 0.0150 ± 0.0000 | 0.0120 ± 0.0000 | 0.450 ± 0.000 |"), md);
        assertTrue(md.contains("Each posterior mean averages N = 4 samples"), md);
        assertTrue(md.contains("| samples, gaussian prior | 0.0200 ± 0.0000 | 0.10 ± 0.00 | 0.70 ± 0.00 | 0.96 ± 0.00 | 3.0 ± 0.0 | 2.0 | 500 |"), md);
        assertTrue(md.contains("Command: `./massmap study --out x`\n"), md);
        assertTrue(md.contains("Total 1.0 h on this machine."), md);
    }

    @Test
    void detectionsAreBinnedInTrueSignalToNoise() {
        String md = report().markdown();
        assertTrue(md.contains("| 0–3 | 0 | – |"), md);
        assertTrue(md.contains("| 3–5 | 2 | 0.75 |"), md);
        assertTrue(md.contains("| ≥ 20 | 2 | 1.00 |"), md);
    }

    @Test
    void powerRatiosAreRatiosOfAveragesOverRealisations() {
        String md = report().markdown();
        assertTrue(md.contains("| ℓ | Kaiser-Squires smoothed | Wiener | samples, gaussian |"), md);
        // the Gaussian samples' ratios are 2 and 2/3 in the two realisations: their mean would be 1.33
        assertTrue(md.contains("| 100 | 0.80 | 0.50 | 1.00 |"), md);
        assertTrue(md.contains("| 1000 | 0.80 | 0.50 | 1.00 |"), md);
        assertTrue(md.contains("covers 0.740 of the tile's pixels (area fraction); the window's mean w² is 0.600"), md);
    }

    @Test
    void theAreaFractionOfAKnownMaskIsPrinted() {
        FootprintWindow w = FootprintWindow.of(FootprintWindowTest.GRID, FootprintWindowTest.rows(4));
        StudyRealisation.Result r = realisation(0.04, 0.5, 1.0);
        BandPowers p = r.spectra();
        BandPowers onMask = new BandPowers(p.ell(), w.areaFraction(), w.effectiveAreaFraction(), p.truth(), p.estimates());
        StudyRealisation.Result masked = new StudyRealisation.Result(r.galaxies(), r.halos(), r.truthSkewness(), r.truthStd(),
                r.baselines(), r.ksSmoothingArcmin(), onMask, r.methods());
        Settings s = Settings.defaults();
        String md = new StudyReport(List.of(masked), List.of("gaussian"), KS, SamplerConfig.from(s), MapSettings.from(s), null, 1, "x")
                .markdown();
        assertTrue(md.contains("covers 0.250 of the tile's pixels"), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "the window's mean w² is %.3f", w.effectiveAreaFraction())), md);
    }

    @Test
    void theJsonHoldsTheBandPowersTheRatioIsRecomputedFrom() throws Exception {
        StudyReport report = report();
        List<StudyRealisation.Result> rs = List.of(realisation(0.04, 0.5, 1.0), realisation(0.06, 1.0, 3.0));
        com.fasterxml.jackson.databind.JsonNode json = org.massmap.io.JsonFiles.mapper().readTree(
                org.massmap.io.JsonFiles.toJson(Map.of("spectra", report.spectra(), "realisations", rs)));
        for (String key : List.of("kaiser_squires_smoothed", "wiener", "gaussian")) {
            for (int b = 0; b < 2; b++) {
                double estimate = 0;
                double truth = 0;
                for (com.fasterxml.jackson.databind.JsonNode r : json.get("realisations")) {
                    estimate += r.get("spectra").get("estimates").get(key).get(b).asDouble();
                    truth += r.get("spectra").get("truth").get(b).asDouble();
                }
                assertEquals(estimate / truth, json.get("spectra").get("ratio").get(key).get(b).asDouble(), 1e-12, key + " band " + b);
            }
        }
        assertEquals(0.74, json.get("spectra").get("areaFraction").asDouble(), 1e-12);
        assertEquals(0.6, json.get("spectra").get("effectiveAreaFraction").asDouble(), 1e-12);
    }

    @Test
    void realisationsScoredAtAnotherScaleThanTheCalibratedOneAreRefused() {
        Settings s = Settings.defaults();
        KsCalibration other = new KsCalibration(3.0, 4, KS.candidates(), KS.meanRmse());
        assertThrows(IllegalArgumentException.class, () -> new StudyReport(List.of(realisation(0.04, 0.5, 1.0)), List.of("gaussian"),
                other, SamplerConfig.from(s), MapSettings.from(s), null, 1, "x"));
    }

    @Test
    void meanStdUsesTheSampleStandardDeviation() {
        double[] ms = StudyReport.meanStd(List.of(1.0, 2.0, 3.0));
        assertEquals(2.0, ms[0], 1e-12);
        assertEquals(1.0, ms[1], 1e-12);
        assertTrue(Double.isNaN(StudyReport.meanStd(List.of(1.0))[1]));
    }

    @Test
    void writesTheSummaryFigures(@TempDir Path dir) throws Exception {
        report().writeFigures(dir);
        for (String f : new String[] {"power_spectra.png", "coverage.png", "detection.png", "one_point.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }

    @Test
    void scaleByScaleAndPairedTablesFollowTheRealisations() {
        List<StudyRealisation.Result> rs = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            StudyRealisation.Result plain = realisation(0.05, 0.5, 1.0);
            Map<String, MapAgreement> agreement = new LinkedHashMap<>();
            for (String key : List.of("kaiser_squires_smoothed", "wiener", "gaussian")) {
                double r = key.equals("gaussian") ? 0.8 : 0.6;
                agreement.put(key, new MapAgreement(new double[] {300, 3000}, new double[] {r, r / 2}, new double[] {0, 2},
                        new double[] {0.02, 0.01}, new double[] {0.5, 0.7}, key.equals("gaussian") ? new double[] {0.015, 0.004} : null));
            }
            StudyRealisation.MethodResult g = plain.methods().get(0);
            StudyRealisation.MethodResult better = new StudyRealisation.MethodResult(g.name(), 0.009 - 0.0001 * k, g.pearson(), g.coverage(),
                    g.skewness(), g.std(), g.falsePeaksPerDeg2(), g.detections(), g.secondsPerSample(), g.evaluationsPerSample(),
                    g.samples());
            rs.add(new StudyRealisation.Result(plain.galaxies(), plain.halos(), plain.truthSkewness(), plain.truthStd(), plain.baselines(),
                    plain.ksSmoothingArcmin(), plain.spectra(), List.of(better), agreement));
        }
        Settings s = Settings.defaults();
        String md = new StudyReport(rs, List.of("gaussian"), KS, SamplerConfig.from(s), MapSettings.from(s), null, 60, "x").markdown();
        assertTrue(md.contains("| estimate | pixel | 2′ | r(ℓ ≈ 300) | r(ℓ ≈ 3000) |"), md);
        assertTrue(md.contains("| posterior mean, gaussian prior | 0.0200 [0.0150] / 0.500 | 0.0100 [0.0040] / 0.700 | 0.800 | 0.400 |"), md);
        assertTrue(md.contains("| Wiener filter | 0.0200 / 0.500 | 0.0100 / 0.700 | 0.600 | 0.300 |"), md);
        assertTrue(md.contains("In brackets for the posterior means: the RMSE with the Monte-Carlo excess of the N = 4-sample mean removed"), md);
        assertTrue(md.contains("| gaussian | -0.00110 ± 0.00006 | 3 of 3 |"), md);
    }
}
