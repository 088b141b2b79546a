package org.massmap.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.massmap.grid.SkyPoint;
import org.massmap.grid.TileGrid;
import org.massmap.sim.Halo;
import org.massmap.sim.HaloRenderer;
import org.massmap.sim.NfwProfile;

class StatsTest {

    @Test
    void mergedMomentsEqualOnePass() {
        Random rng = new Random(1);
        PixelMoments all = new PixelMoments(3);
        PixelMoments a = new PixelMoments(3);
        PixelMoments b = new PixelMoments(3);
        List<double[]> xs = new ArrayList<>();
        for (int s = 0; s < 25; s++) {
            double[] x = {rng.nextGaussian(), 5 + 2 * rng.nextGaussian(), 1e6 + rng.nextGaussian()};
            xs.add(x);
            all.add(x);
            (s < 9 ? a : b).add(x);
        }
        a.merge(b);
        assertEquals(25, a.count());
        for (int i = 0; i < 3; i++) {
            final int k = i;
            double mean = xs.stream().mapToDouble(x -> x[k]).average().orElseThrow();
            double var = xs.stream().mapToDouble(x -> (x[k] - mean) * (x[k] - mean)).sum() / 24;
            assertEquals(mean, a.mean()[i], 1e-9 * Math.abs(mean) + 1e-12);
            assertEquals(Math.sqrt(var), a.std()[i], 1e-9);
            assertEquals(all.std()[i], a.std()[i], 1e-9);
        }
        assertThrows(IllegalStateException.class, () -> new PixelMoments(2).add(new double[2]).std());
    }

    @Test
    void quantilesInterpolateLikeNumpy() {
        double[][] samples = {{1}, {2}, {3}, {4}, {10}};
        double[][] q = PixelQuantiles.of(samples, 0.5, 0.25, 0.975, 0, 1);
        assertEquals(3, q[0][0], 0);
        assertEquals(2, q[1][0], 0);
        assertEquals(4 + 0.9 * 6, q[2][0], 1e-12); // position 3.9
        assertEquals(1, q[3][0], 0);
        assertEquals(10, q[4][0], 0);
    }

    @Test
    void plateauGivesOnePeakAndThresholdApplies() {
        int nx = 6;
        double[] map = new double[36];
        map[2 * nx + 2] = 5;
        map[2 * nx + 3] = 5;
        map[4 * nx + 4] = 1;
        double[] thr = new double[36];
        Arrays.fill(thr, 2);
        assertEquals(List.of(2 * nx + 2), PeakFinder.peaks(map, nx, 6, thr, null));
        Arrays.fill(thr, 0.5);
        assertEquals(List.of(2 * nx + 2, 4 * nx + 4), PeakFinder.peaks(map, nx, 6, thr, null));
    }

    @Test
    void aHaloPresentInEverySampleHasFrequencyOneAndNoiseIsRarelyDetected() {
        TileGrid grid = TileGrid.square(64, 0.5, new SkyPoint(150, 2));
        ClusterSettings s = new ClusterSettings(1.0, 3, 1.5, 0.2, 20);
        Random rng = new Random(2);
        double noise = 0.01;
        List<double[]> noiseMaps = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            noiseMaps.add(white(grid.size(), noise, rng));
        }
        double[] sigmaS = ClusterDetector.noiseStd(noiseMaps, ClusterDetector.smoother(grid, s));
        boolean[] mask = new boolean[grid.size()];
        Arrays.fill(mask, true);
        ClusterDetector det = new ClusterDetector(grid, s, sigmaS, mask);
        SkyPoint at = grid.pixelCentre(40, 20);
        double[] halo = new double[grid.size()];
        HaloRenderer.add(grid, List.of(new Halo(at, new NfwProfile(0.05, 0.5 * TileGrid.ARCMIN, 8), 1e15, 0.3)), halo);
        FrequencyCounts counts = new FrequencyCounts(grid.size());
        double[] mean = new double[grid.size()];
        for (int k = 0; k < 30; k++) {
            double[] sample = white(grid.size(), noise, rng);
            for (int i = 0; i < sample.length; i++) {
                sample[i] += halo[i];
                mean[i] += sample[i] / 30;
            }
            counts.add(det.coverage(sample));
        }
        double[] f = counts.frequency();
        assertEquals(1.0, f[20 * 64 + 40], 0);
        List<ClusterCandidate> c = det.candidates(f, mean);
        assertTrue(!c.isEmpty());
        assertEquals(40, c.get(0).x(), 1);
        assertEquals(20, c.get(0).y(), 1);
        assertEquals(at.raDeg(), c.get(0).raDeg(), 1.01 * grid.pixelDeg());
        assertTrue(c.get(0).meanSnr() > 3);
        // at S/N 3 a Gaussian noise map has few peaks: far fewer than one per pixel-aperture
        double rate = det.falsePeaksPerDeg2(noiseMaps);
        assertTrue(rate < 100, "false peaks per deg2: " + rate);
    }

    private static double[] white(int n, double s, Random rng) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = s * rng.nextGaussian();
        }
        return a;
    }
}
