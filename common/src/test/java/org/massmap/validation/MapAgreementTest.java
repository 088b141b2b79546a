package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.lensing.GaussianSmoother;

/** Scale-by-scale agreement and paired tests, on maps and metrics whose answers are known. */
class MapAgreementTest {
    static final TileGrid GRID = TileGrid.square(32, 1.0, new SkyPoint(0, 0));

    static double[] noise(long seed, double sigma) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] m = new double[GRID.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = sigma * (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2;
        }
        return m;
    }

    @Test
    void aScaledCopyIsPerfectlyCorrelatedAndAPureNoiseIsNot() {
        double[] truth = new GaussianSmoother(32, 32, 2).smooth(noise(1, 1));
        double[] scaled = truth.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 0.5;
        }
        MapAgreement same = MapAgreement.of(GRID, scaled, truth, null, null, List.of(0.0, 2.0), 4);
        for (double r : same.crossCorrelation()) {
            assertEquals(1, r, 1e-9, "phases identical at every scale");
        }
        assertEquals(1, same.pearson()[0], 1e-9);
        assertTrue(same.rmse()[0] > 0, "the amplitude is wrong even though r = 1");

        MapAgreement unrelated = MapAgreement.of(GRID, noise(2, 1), truth, null, null, List.of(0.0), 4);
        for (double r : unrelated.crossCorrelation()) {
            assertTrue(Math.abs(r) < 0.5, "independent maps: r(ℓ) = " + r);
        }
    }

    @Test
    void smallScaleNoiseLowersOnlyTheHighEllCorrelation() {
        double[] truth = new GaussianSmoother(32, 32, 3).smooth(noise(3, 10));
        double[] estimate = truth.clone();
        double[] white = noise(4, 0.2);
        for (int i = 0; i < estimate.length; i++) {
            estimate[i] += white[i];
        }
        MapAgreement a = MapAgreement.of(GRID, estimate, truth, null, null, List.of(0.0, 4.0), 4);
        double[] r = a.crossCorrelation();
        assertTrue(r[0] > 0.95 && r[r.length - 1] < r[0] - 0.2, java.util.Arrays.toString(r));
        assertTrue(a.pearson()[1] > a.pearson()[0], "smoothing removes the small-scale noise");
    }

    /**
     * Samples = truth + a large-scale fixed error δ + white noise of std 1: the smoothed samples' variance / N
     * removes the Monte-Carlo excess at each scale σ (RMSE_∞ = δ's smoothed RMSE), where the unsmoothed
     * samples' variance, 4πσ² times larger at σ pixels, would remove it all. At each scale δ's rms is set to
     * √excess = 1/√(4πσ²N) (1/√N at the pixel), so the uncorrected RMSE is √2 times δ's. The standard error of
     * the corrected RMSE is then ≈ ½√((4 + 2N/(N−1))/n_eff) of it, n_eff = 256²/(4πσ²) independent patches
     * (the pixels at σ = 0); the tolerance is 4 of them (2%, 14%, 27% at the pixel, 2′, 4′).
     */
    @Test
    void smoothedRmseIsCorrectedWithTheSmoothedSamplesVariance() {
        int side = 256;
        int n = 16;
        TileGrid grid = TileGrid.square(side, 1.0, new SkyPoint(0, 0));
        java.util.Random rng = new java.util.Random(21);
        double[] truth = new double[grid.size()];
        double[] shape = new double[grid.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = rng.nextGaussian();
            shape[i] = rng.nextGaussian();
        }
        truth = new GaussianSmoother(side, side, 3).smooth(truth);
        shape = new GaussianSmoother(side, side, 8).smooth(shape);
        double rmsShape = Math.sqrt(java.util.Arrays.stream(shape).map(d -> d * d).average().orElseThrow());
        for (double sigma : List.of(0.0, 2.0, 4.0)) {
            double area = sigma == 0 ? 1 : 4 * Math.PI * sigma * sigma;
            double[] delta = shape.clone();
            for (int i = 0; i < delta.length; i++) {
                delta[i] *= 1 / Math.sqrt(area * n) / rmsShape;
            }
            List<double[]> samples = new java.util.ArrayList<>();
            double[] mean = new double[grid.size()];
            for (int k = 0; k < n; k++) {
                double[] s = new double[grid.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = truth[i] + delta[i] + rng.nextGaussian();
                    mean[i] += s[i] / n;
                }
                samples.add(s);
            }
            double[] biased = truth.clone();
            for (int i = 0; i < biased.length; i++) {
                biased[i] += delta[i];
            }
            MapAgreement expected = MapAgreement.of(grid, biased, truth, null, null, List.of(sigma), 4);
            MapAgreement a = MapAgreement.of(grid, mean, truth, null, null, List.of(sigma), 4, samples);
            assertEquals(null, expected.rmseMcCorrected(), "no samples, no correction");
            double want = expected.rmse()[0];
            double tolerance = 4 * 0.5 * Math.sqrt((4 + 2.0 * n / (n - 1)) * area / grid.size());
            assertEquals(want, a.rmseMcCorrected()[0], tolerance * want, "scale " + sigma);
            assertTrue(a.rmse()[0] > (1 + 1.2 * tolerance) * want, "uncorrected at scale " + sigma + ": " + a.rmse()[0] + " vs " + want);
        }
    }

    @Test
    void pairedTestsSeeAConsistentWinAndNotAnEvenSplit() {
        double[] a = new double[20];
        double[] b = new double[20];
        double[] c = new double[20];
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            b[i] = 1 + rng.nextDouble();
            a[i] = b[i] - 0.05 - 0.01 * rng.nextDouble(); // a always a little lower
            c[i] = b[i] + (i % 2 == 0 ? 0.05 : -0.05) + 0.001 * i; // c as often above as below
        }
        PairedComparison win = PairedComparison.of(a, b);
        assertEquals(20, win.aLower());
        assertTrue(win.meanDifference() < 0 && win.tTestP() < 1e-6 && win.wilcoxonP() < 1e-3, win.toString());
        PairedComparison tie = PairedComparison.of(c, b);
        assertTrue(tie.tTestP() > 0.05 && tie.wilcoxonP() > 0.05, tie.toString());
    }
}
