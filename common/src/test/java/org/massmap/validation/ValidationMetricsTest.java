package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidationMetricsTest {

    @Test
    void metricsIgnoreMeansAndMatchDefinitions() {
        double[] t = {1, 2, 3, 4};
        double[] e = {11, 12, 13, 14.4};
        boolean[] all = {true, true, true, true};
        MapMetrics m = MapMetrics.of(e, t, all);
        // residuals after mean removal: e - t - 0.1 = {-0.1,-0.1,-0.1,0.3}
        assertEquals(Math.sqrt((3 * 0.01 + 0.09) / 4), m.rmse(), 1e-12);
        assertEquals(1.0, MapMetrics.of(new double[] {2, 4, 6, 8}, t, all).pearson(), 1e-12);
        assertEquals(-1.0, MapMetrics.of(new double[] {8, 6, 4, 2}, t, all).pearson(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MapMetrics.of(e, t, new boolean[4]));
    }

    @Test
    void calibratedIntervalsCoverAtTheirNominalRate() {
        Random rng = new Random(1);
        int n = 20000;
        double[] truth = new double[n];
        double[] mean = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        for (int i = 0; i < n; i++) {
            mean[i] = rng.nextGaussian();
            truth[i] = mean[i] + 0.5 * rng.nextGaussian() + 3.0; // offset: means are not comparable
            lo[i] = mean[i] - 0.5;
            hi[i] = mean[i] + 0.5;
        }
        assertEquals(0.6827, Coverage.of(truth, mean, lo, hi, all), 0.01);
    }

    @Test
    void skewnessOfKnownDistributions() {
        Random rng = new Random(2);
        double[] x = new double[200000];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.log(rng.nextDouble()); // exponential: skewness 2
        }
        assertEquals(2.0, OnePoint.of(x, null).skewness(), 0.05);
    }
}
