package org.massmap.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Monte-Carlo excess of an N-sample mean on samples = truth (+ a fixed error) + independent Gaussian
 * noise of std τ per pixel, where the error of the mean of infinitely many samples is known. Tolerances are
 * 4 standard errors of the corrected squared error: for Gaussian noise it is the sum of two independent
 * terms, per pixel of variance 2τ⁴/N² and 2τ⁴/((N−1)N²), i.e. τ²·√(2/(N(N−1)n)) over n pixels; a fixed error
 * of rms b adds a cross term of std 2bτ/√(Nn).
 */
class MonteCarloExcessTest {
    static final int SIDE = 64;
    static final double TAU = 0.02;

    /** A smooth-ish truth with NaN on one row (unobserved truth) and a mask dropping a quarter of the tile. */
    static double[] truth() {
        Random rng = new Random(11);
        double[] t = new double[SIDE * SIDE];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.03 * Math.sin(i % SIDE * 0.2) * Math.cos(i / SIDE * 0.15) + 0.005 * rng.nextGaussian();
        }
        for (int x = 0; x < SIDE; x++) {
            t[5 * SIDE + x] = Double.NaN;
        }
        return t;
    }

    static boolean[] mask() {
        boolean[] m = new boolean[SIDE * SIDE];
        for (int i = 0; i < m.length; i++) {
            m[i] = i % SIDE < 48;
        }
        return m;
    }

    /** N samples truth + error + constant_k + τ·noise (NaN truth pixels replaced by 0 in the samples). */
    static List<double[]> samples(double[] truth, double[] error, double constantStd, int n, long seed) {
        Random rng = new Random(seed);
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            double c = constantStd * rng.nextGaussian();
            double[] s = new double[truth.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (Double.isFinite(truth[i]) ? truth[i] : 0) + error[i] + c + TAU * rng.nextGaussian();
            }
            out.add(s);
        }
        return out;
    }

    static double[] mean(List<double[]> samples) {
        double[] m = new double[samples.get(0).length];
        for (double[] s : samples) {
            for (int i = 0; i < m.length; i++) {
                m[i] += s[i] / samples.size();
            }
        }
        return m;
    }

    @Test
    void unbiasedNoiseHasRawRmseTauOverRootNAndCorrectedNearZero() {
        double[] truth = truth();
        boolean[] mask = mask();
        int n = 4;
        List<double[]> samples = samples(truth, new double[truth.length], 0, n, 1);
        double[] mean = mean(samples);
        MapMetrics raw = MapMetrics.of(mean, truth, mask);
        MonteCarloExcess excess = MonteCarloExcess.of(samples, mean, truth, mask);
        assertEquals(raw.pixels(), excess.pixels(), "the same pixels as the reported RMSE");
        assertEquals(63 * 48, excess.pixels(), "the mask and the unobserved row excluded");
        assertEquals(n, excess.samples());
        // raw MSE = τ²/N: RMSE τ/2, within 4 standard errors (relative √(2/n)/2 ≈ 1.3% in RMSE)
        assertEquals(TAU / 2, raw.rmse(), 4 * TAU / 2 * Math.sqrt(2.0 / excess.pixels()) / 2);
        double tolerance = 4 * TAU * TAU * Math.sqrt(2.0 / (n * (n - 1) * excess.pixels()));
        assertEquals(0, excess.correctedMse(raw.rmse()), tolerance, "MSE_∞ = 0 in expectation");
        assertTrue(tolerance < 0.15 * TAU * TAU / n, "the test separates corrected from raw");
        assertTrue(excess.correctedRmse(raw.rmse()) < Math.sqrt(tolerance), "RMSE_∞ " + excess.correctedRmse(raw.rmse()));
    }

    @Test
    void aFixedErrorSurvivesTheCorrectionAndPerSampleConstantsDoNotCount() {
        double[] truth = truth();
        boolean[] mask = mask();
        int n = 4;
        Random rng = new Random(7);
        double b = TAU;
        double[] error = new double[truth.length];
        for (int i = 0; i < error.length; i++) {
            error[i] = b * rng.nextGaussian() + 0.1; // a constant offset is removed by the mean subtraction, as in MapMetrics
        }
        double[] biased = truth.clone();
        for (int i = 0; i < biased.length; i++) {
            biased[i] += error[i];
        }
        double expected = MapMetrics.of(biased, truth, mask).rmse();
        assertEquals(b, expected, 0.05 * b);

        List<double[]> samples = samples(truth, error, 0, n, 2);
        double[] mean = mean(samples);
        MapMetrics raw = MapMetrics.of(mean, truth, mask);
        MonteCarloExcess excess = MonteCarloExcess.of(samples, mean, truth, mask);
        int pixels = excess.pixels();
        double mseTolerance = 4 * (TAU * TAU * Math.sqrt(2.0 / (n * (n - 1) * pixels)) + 2 * b * TAU / Math.sqrt(n * pixels));
        double tolerance = mseTolerance / (2 * expected);
        assertEquals(expected, excess.correctedRmse(raw.rmse()), tolerance, "RMSE_∞ is the fixed error's");
        assertTrue(raw.rmse() - expected > 2 * tolerance, "uncorrected, the RMSE is √(b² + τ²/N): " + raw.rmse());

        // each sample shifted by its own constant (std 10τ): the metrics ignore it, and so must the excess
        List<double[]> shifted = samples(truth, error, 10 * TAU, n, 2);
        double[] shiftedMean = mean(shifted);
        MonteCarloExcess shiftedExcess = MonteCarloExcess.of(shifted, shiftedMean, truth, mask);
        double shiftedRaw = MapMetrics.of(shiftedMean, truth, mask).rmse();
        assertEquals(raw.rmse(), shiftedRaw, 1e-12);
        assertEquals(excess.excessMse(), shiftedExcess.excessMse(), 1e-12 * excess.excessMse() + 1e-15);
    }

    @Test
    void oneSampleHasNoVarianceAndIsRefused() {
        double[] truth = truth();
        List<double[]> one = samples(truth, new double[truth.length], 0, 1, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MonteCarloExcess.of(one, one.get(0), truth, mask()));
        assertTrue(e.getMessage().contains("at least 2 samples"), e.getMessage());
    }
}
