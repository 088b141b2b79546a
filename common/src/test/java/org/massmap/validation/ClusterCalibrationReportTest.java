package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.massmap.validation.ClusterCalibration.Case;
import org.massmap.validation.ClusterCalibration.Detection;
import org.massmap.validation.ClusterCalibration.Injection;
import org.massmap.validation.ClusterCalibration.Realisation;

/** The calibration's statistics on hand-made realisations with known answers. */
class ClusterCalibrationReportTest {

    private static Case c(double[] candidates, double[] random) {
        Detection d = new Detection(candidates, random);
        return new Case(16, 0.5, d, d, 1.0, 0.12, 0.6, 1);
    }

    private static Realisation r(int i, double[] haloFree, double[] noise, double[] random, double snr, double freq, double cand) {
        return new Realisation(i, 16, c(haloFree, random), c(noise, random), c(new double[0], random),
                new Injection(snr, snr, snr, 1e14, 10, 10, freq, freq, cand, cand));
    }

    private static final List<Realisation> RUNS = List.of(
            r(0, new double[] {0.75, 0.5, 0.125}, new double[] {0.25}, new double[] {0, 0.5, 0, 0}, 2.5, 0.1, 0),
            r(1, new double[] {0.3125}, new double[0], new double[] {0, 0, 0, 1}, 3.5, 0.5, 0.5),
            r(2, new double[0], new double[0], new double[] {0, 0, 0, 0}, 3.9, 0.9, 1.0),
            r(3, new double[] {0.5}, new double[] {0.0625}, new double[] {0, 0, 0, 0}, 5.2, 1.0, 1.0));

    @Test
    void countsCandidatesAtOrAboveEachThresholdPerDeg2AndPerRealisation() {
        ClusterCalibrationReport report = new ClusterCalibrationReport("gaussian", RUNS);
        List<ClusterCalibrationReport.FalsePositives> fp = report.falsePositives("halo_free", "product");
        // f ≥ 0.5: 0.75, 0.5 (r0) and 0.5 (r3): 3 candidates over 4 × 0.5 deg², in 2 of 4 realisations
        ClusterCalibrationReport.FalsePositives half = fp.get(4);
        assertEquals(0.5, half.threshold());
        assertEquals(3, half.perDeg2().count());
        assertEquals(1.5, half.perDeg2().value(), 1e-12);
        assertEquals(Math.sqrt(3) / 2, half.perDeg2().error(), 1e-12);
        assertEquals(0.5, half.anyFraction().value(), 1e-12);
        assertEquals(Math.sqrt(0.25 / 4), half.anyFraction().error(), 1e-12);
        // random positions: 0.5 and 1 of 16 positions are ≥ 0.5
        assertEquals(2.0 / 16, half.randomFraction().value(), 1e-12);
        // f ≥ 0.8: none; a 95% upper limit of 3 over the area
        ClusterCalibrationReport.FalsePositives none = fp.get(7);
        assertEquals(0, none.perDeg2().count());
        assertEquals(1.5, none.perDeg2().upper95(), 1e-12);
        assertEquals(0.75, none.anyFraction().upper95(), 1e-12);
        // noise-only: 0.25 ≥ 0.2 only; nothing from 0.3 up, so the first clean threshold is 0.8 (halo-free's 0.75)
        assertEquals(1, report.falsePositives("noise_only", "product").get(1).perDeg2().count());
        assertEquals(0.8, report.cleanThreshold("product"), 1e-12);
    }

    @Test
    void binsInjectedHalosByTrueSnr(@TempDir Path dir) throws Exception {
        ClusterCalibrationReport report = new ClusterCalibrationReport("gaussian", RUNS);
        List<ClusterCalibrationReport.SnrBin> bins = report.detection("product");
        assertEquals(4, bins.size()); // 2–3, 3–4, 4–5, 5–6
        assertEquals(1, bins.get(0).halos());
        assertEquals(2, bins.get(1).halos());
        assertEquals(0.7, bins.get(1).meanFrequency(), 1e-12);
        assertEquals(0.2, bins.get(1).frequencyError(), 1e-12);
        assertEquals(0.5, bins.get(1).completeness()[ClusterCalibrationReport.THRESHOLDS.length - 1], 1e-12); // f ≥ 1: one of two
        assertEquals(0, bins.get(2).halos());
        assertEquals(1.5 / 16, report.randomMeanFrequency("halo_free", "product")[0], 1e-12);
        // with the field's S/N at each halo, the halos move to the bins of halo + field
        ClusterCalibrationReport withField = new ClusterCalibrationReport("gaussian", RUNS, new double[] {-1.0, 0.0, 1.5, 0.0});
        List<ClusterCalibrationReport.SnrBin> shifted = withField.detectionWithField("product");
        assertEquals(List.of(1, 0, 1, 0, 2), shifted.stream().map(ClusterCalibrationReport.SnrBin::halos).toList()); // 1.5, 3.5, 5.2 and 5.4
        assertTrue(withField.markdown("").contains("halo + field true S/N"));
        report.writeFigures(dir);
        assertTrue(Files.size(dir.resolve("cluster_fpr.png")) > 1000 && Files.size(dir.resolve("cluster_detection.png")) > 1000);
        String md = report.markdown("# t\n");
        assertTrue(md.contains("| 0.5 | 1.50 ± 0.87 | 0.50 ± 0.25 |"), md);
    }
}
