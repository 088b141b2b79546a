package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The study's numbers beside the reference's Table 1, from hand-made realisations. */
class ReferenceComparisonTest {

    /** Wiener RMSE {@code wiener}, the hybrid posterior mean's raw and corrected RMSE, every Pearson r given. */
    private static StudyRealisation.Result realisation(double wiener, double hybridRaw, double hybridCorrected) {
        Map<String, MapMetrics> baselines = new LinkedHashMap<>();
        baselines.put("kaiser_squires", new MapMetrics(0.1, 0.2, 100));
        baselines.put("kaiser_squires_smoothed", new MapMetrics(0.021, 0.55, 100));
        baselines.put("wiener", new MapMetrics(wiener, 0.6, 100));
        StudyRealisation.MethodResult gaussian = new StudyRealisation.MethodResult("gaussian", 0.0205, 0.58, new double[7], 0, 0.02, 0,
                List.of(), 20, 740, 64, 0.0200, 0.0205 * 0.0205 - 0.02 * 0.02);
        StudyRealisation.MethodResult hybrid = new StudyRealisation.MethodResult("hybrid", hybridRaw, 0.62, new double[7], 0, 0.02, 0,
                List.of(), 300, 740, 8, hybridCorrected, hybridRaw * hybridRaw - hybridCorrected * hybridCorrected);
        BandPowers spectra = new BandPowers(new double[] {100}, 1, 1, new double[] {1}, Map.of());
        return new StudyRealisation.Result(1000, List.of(), 1, 0.02, baselines, 1.5, spectra, List.of(gaussian, hybrid));
    }

    @Test
    void rowsPairTheStudysEstimatesWithTheReferencesAndGiveRmseRelativeToWiener() {
        String md = new ReferenceComparison(List.of(realisation(0.019, 0.020, 0.0180), realisation(0.021, 0.022, 0.0192)),
                List.of("gaussian", "hybrid")).markdown();
        assertTrue(md.contains("| Kaiser-Squires, smoothed | 0.0210 ± 0.0000 | – | 0.550 ± 0.000 | +5.0% | 0.0240 | 0.57 | +3.9% |"), md);
        assertTrue(md.contains("| Wiener filter | 0.0200 ± 0.0014 | – | 0.600 ± 0.000 | – | 0.0231 | 0.61 | – |"), md);
        // the posterior means are compared with their Monte-Carlo excess removed: 0.0186 against 0.0200 is −7.0%
        assertTrue(md.contains("| posterior mean, hybrid prior | 0.0210 ± 0.0014 | 0.0186 ± 0.0008 | 0.620 ± 0.000 | -7.0% | 0.0216 | 0.68"
                + " | -6.5% |"), md);
        assertTrue(md.contains("| posterior mean, gaussian prior | 0.0205 ± 0.0000 | 0.0200 ± 0.0000 | 0.580 ± 0.000 | +0.0% | – | – | – |"),
                md);
        assertTrue(md.contains("| DeepMass (reference only) | – | – | – | – | 0.0218 | 0.68 | -5.6% |"), md);
        assertTrue(md.contains("| MCALens (reference only) | – | – | – | – | 0.0219 | 0.67 | -5.2% |"), md);
    }

    @Test
    void oneRealisationHasNoScatter() {
        String md = new ReferenceComparison(List.of(realisation(0.02, 0.021, 0.019)), List.of("gaussian", "hybrid")).markdown();
        assertTrue(md.contains("| Wiener filter | 0.0200 | – | 0.600 | – |"), md);
    }

    @Test
    void theJsonHoldsBothSides() throws Exception {
        Map<String, Object> json = new ReferenceComparison(List.of(realisation(0.02, 0.021, 0.019)), List.of("hybrid")).toJson();
        com.fasterxml.jackson.databind.JsonNode node = org.massmap.io.JsonFiles.mapper().readTree(org.massmap.io.JsonFiles.toJson(json));
        assertEquals(5, node.get("reference").size());
        assertEquals(0.019, node.get("study_mean_and_scatter").get("hybrid").get("rmse_mc_corrected").get(0).asDouble(), 1e-15);
    }
}
